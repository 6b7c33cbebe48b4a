// The ordered steps of each command. Read top to bottom, this is what a release does. This is the
// one module that knows every step: a new format is one folder and one line here, and its kinds
// and config section reach checksums, verify, publishing and schema.json through `formats`.
import { archiveStep } from "../archive/step.js";
import { cgoToolchainStep } from "../cctoolchain/step.js";
import { archiveChecksumStep, checksumsStep } from "../checksum/step.js";
import { configJsonSchema } from "../config/schema.js";
import { checkStampsStep } from "../gobuild/stamps-step.js";
import { buildBinariesStep } from "../gobuild/step.js";
import { beforeHooksStep } from "../hooks/step.js";
import { metadataStep } from "../metadata/step.js";
import type { Formats } from "../pipeline/context.js";
import { kindsOf, type Step, sectionsOf } from "../pipeline/step.js";
import { forEachTarget } from "../pipeline/targets.js";
import { configStep } from "../project/config-step.js";
import { gitStep, moduleStep, targetsStep, toolchainStep } from "../project/steps.js";
import { reproducibleSourceStep, verifyReproducibleStep } from "../reproduce/step.js";
import { prepareDistStep, publishStep } from "../staging/step.js";
import { verifyStep } from "../verify/step.js";

/** Facts every command needs before anything is written. */
const resolveSteps: readonly Step[] = [
  toolchainStep, // the go that will really build (GOTOOLCHAIN honoured), ≥ 1.21; GOFLAGS neutralised
  moduleStep, // module path, main packages, -mod=readonly or vendor
  configStep, // goship.yaml, else a GoReleaser file, else zero config; every problem with its line
  gitStep, // version, commit, commit time; refuse dirty, untagged or non-git trees unless --snapshot
  targetsStep, // validate os/arch/level against the toolchain before spending time building
  cgoToolchainStep, // cgo mode per build (static when a package uses C) and a C compiler per target
  checkStampsStep, // warn when an -X stamp has no string variable to land in (the linker won't say)
  prepareDistStep, // refuse a non-empty dist without --clean; stage everything inside it
  beforeHooksStep, // the config's before hooks, once, before any build
];

export const buildPipeline: readonly Step[] = [
  ...resolveSteps,
  forEachTarget("building binaries", [buildBinariesStep]),
  metadataStep, // metadata.json
  publishStep, // rename staged files into dist, then artifacts.json: nothing looks complete before
];

export const releasePipeline: readonly Step[] = [
  ...resolveSteps,
  reproducibleSourceStep, // --verify-reproducible: refuse, before building, what a clone cannot prove
  // Per target, several at once: go build → archive → <archive>.sha256, each as soon as possible.
  forEachTarget("building and archiving targets", [buildBinariesStep, archiveStep, archiveChecksumStep]),
  checksumsStep, // checksums.txt over every archive, sorted by name
  metadataStep, // metadata.json
  verifyStep, // prove every checksum, archive and binary from its own bytes (--skip-verify)
  verifyReproducibleStep, // --verify-reproducible: rebuild a fresh clone elsewhere, compare every artifact
  publishStep, // rename staged files into dist, then artifacts.json: nothing looks complete before
];

/** The artifact kinds and config sections of every step of every command. */
export const formats: Formats = {
  kinds: kindsOf([...buildPipeline, ...releasePipeline]),
  sections: sectionsOf([...buildPipeline, ...releasePipeline]),
};

/** schema.json: goship's keys and every format's section. */
export function goshipJsonSchema(): object {
  return configJsonSchema(formats.sections);
}
