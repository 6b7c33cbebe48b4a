// The ordered steps of each command. Read top to bottom, this is what a release does.
import { archiveStep } from "../archive/step.js";
import { cgoToolchainStep } from "../cctoolchain/step.js";
import { archiveChecksumStep, checksumsStep } from "../checksum/step.js";
import { configStep } from "../config/step.js";
import { checkStampsStep } from "../gobuild/stamps-step.js";
import { buildBinariesStep } from "../gobuild/step.js";
import { beforeHooksStep } from "../hooks/step.js";
import { metadataStep } from "../metadata/step.js";
import { gitStep, moduleStep, targetsStep, toolchainStep } from "../project/steps.js";
import { reproducibleSourceStep, verifyReproducibleStep } from "../reproduce/step.js";
import { prepareDistStep, publishStep } from "../staging/step.js";
import { verifyStep } from "../verify/step.js";
import type { Step } from "./step.js";
import { forEachTarget } from "./targets.js";

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
