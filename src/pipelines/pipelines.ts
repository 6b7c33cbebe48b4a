// The ordered steps of each command. Read top to bottom, this is what a release does. This is the
// one module that knows every step: a new format is one folder and one line here, and its kinds
// and config section reach checksums, verify, publishing and schema.json through `formats`.
import { archiveStep } from "../archive/step.js";
import { cgoToolchainStep } from "../cctoolchain/step.js";
import { changelogStep } from "../changelog/step.js";
import { channelsStep } from "../channels/step.js";
import { archiveChecksumStep, checksumsStep } from "../checksum/step.js";
import { configJsonSchema } from "../config/schema.js";
import { checkStampsStep } from "../gobuild/stamps-step.js";
import { buildBinariesStep } from "../gobuild/step.js";
import { beforeHooksStep } from "../hooks/step.js";
import { metadataStep } from "../metadata/step.js";
import { nfpmStep } from "../nfpm/step.js";
import { imagesStep } from "../oci/step.js";
import type { Formats } from "../pipeline/context.js";
import { kindsOf, type Step, sectionsOf } from "../pipeline/step.js";
import { forEachTarget } from "../pipeline/targets.js";
import { configStep } from "../project/config-step.js";
import { gitStep, moduleStep, targetsStep, toolchainStep } from "../project/steps.js";
import { provenanceStep } from "../provenance/step.js";
import { forgeStep, publishReleaseStep } from "../publish/step.js";
import { reproducibleSourceStep, verifyReproducibleStep } from "../reproduce/step.js";
import { sbomStep } from "../sbom/step.js";
import { binarySignStep, signStep } from "../sign/step.js";
import { sourceArchiveStep } from "../source/step.js";
import { importPartsStep, partManifestStep, selectPartTargetsStep } from "../split/steps.js";
import { prepareDistStep, publishStep } from "../staging/step.js";
import { universalBinariesStep, universalTargets } from "../universal/step.js";
import { verifyStep } from "../verify/step.js";

/** Facts every command needs before anything is written. */
const factSteps: readonly Step[] = [
  toolchainStep, // the go that will really build (GOTOOLCHAIN honoured), ≥ 1.21; GOFLAGS neutralised
  moduleStep, // module path, main packages, -mod=readonly or vendor
  configStep, // goship.yaml, else a GoReleaser file, else zero config; every problem with its line
  gitStep, // version, commit, commit time; refuse dirty, untagged or non-git trees unless --snapshot
  targetsStep, // validate os/arch/level against the toolchain before spending time building
  cgoToolchainStep, // cgo mode per build (static when a package uses C) and a C compiler per target
  checkStampsStep, // find the version/commit/date variables to stamp (zero config); refuse -X that breaks go build
];

const resolveSteps: readonly Step[] = [
  ...factSteps,
  prepareDistStep, // refuse a non-empty dist without --clean; stage everything inside it
  beforeHooksStep, // the config's before hooks, once, before any build
];

/** Per target, several at once: go build → archive → <archive>.sha256, each as soon as possible. */
const targetSteps = forEachTarget("building and archiving targets", [
  buildBinariesStep,
  archiveStep,
  archiveChecksumStep,
]);

/**
 * What spans targets: it runs once every target is built, here or (for a merge) on other runners,
 * so a merged release gets exactly what one machine's release gets.
 */
const releaseWideSteps: readonly Step[] = [
  universalBinariesStep, // universal_binaries: darwin slices joined into one fat Mach-O (replace: drops the thin ones)
  forEachTarget("archiving universal binaries", [archiveStep, archiveChecksumStep], universalTargets), // as darwin/all
  binarySignStep, // binary_signs: each binary as built, universal ones included (archiving never changes them)
  sourceArchiveStep, // source: the commit's tracked files as `git archive` lists them, plus extra files
  nfpmStep, // nfpms / --packages: .deb, .rpm, .apk and Arch packages of the linux binaries
  imagesStep, // OCI images of the linux binaries (kos, dockers_v2, dockers, docker_manifests, --image) in dist/images
  sbomStep, // sboms: an SBOM per archive/binary/package from build info (or the entry's cmd); checksummed
  checksumsStep, // checksums.txt over every archive, package and SBOM, sorted by name
  channelsStep, // Homebrew, Scoop, AUR and winget manifests and npm packages of the archives and binaries
  forgeStep, // GitHub, GitLab or Gitea: decides how changelog lines break
  changelogStep, // CHANGELOG.md from the commits since the previous tag (skipped for snapshots)
  metadataStep, // metadata.json
  provenanceStep, // <project>.intoto.jsonl: SLSA v1 provenance whose subjects are checksums.txt
  signStep, // signs: only now, so checksums.txt is final and never rewritten; signatures are not checksummed
  verifyStep, // prove every checksum, archive and binary from its own bytes (--skip-verify)
];

export const buildPipeline: readonly Step[] = [
  ...resolveSteps,
  forEachTarget("building binaries", [buildBinariesStep]),
  universalBinariesStep, // universal_binaries: darwin slices joined into one fat Mach-O
  metadataStep, // metadata.json
  publishStep, // rename staged files into dist, then artifacts.json: nothing looks complete before
];

export const releasePipeline: readonly Step[] = [
  ...resolveSteps,
  reproducibleSourceStep, // --verify-reproducible: refuse, before building, what a clone cannot prove
  targetSteps,
  ...releaseWideSteps,
  verifyReproducibleStep, // --verify-reproducible: rebuild a fresh clone elsewhere, compare every artifact
  publishStep, // rename staged files into dist, then artifacts.json: nothing looks complete before
];

/** `release --shard i/n` (or `--split`): one CI runner's share of the targets, merged later. */
export const partPipeline: readonly Step[] = [
  ...resolveSteps,
  selectPartTargetsStep, // this runner's share: the same balanced partition on every runner
  targetSteps,
  publishStep, // the part's archives, checksum files and artifacts.json
  partManifestStep, // shard.json last: a part without it is not complete
];

/** `merge`: the steps that span targets, over the parts' artifacts; nothing is rebuilt, no hook runs. */
export const mergePipeline: readonly Step[] = [
  ...factSteps,
  prepareDistStep,
  importPartsStep, // same commit, config, toolchain; every target exactly once; every digest
  ...releaseWideSteps,
  publishStep,
];

/** `goship publish`: a finished dist, checked again, to every publisher; nothing is built. */
export const publishPipeline: readonly Step[] = [
  toolchainStep, // the config may need the toolchain's platforms
  moduleStep, // module path, for the config and templates
  configStep, // release, github_urls, … as the release read them
  gitStep, // the tag and commit; refuse a dirty or untagged tree
  publishReleaseStep, // check dist against artifacts.json and checksums, then each publisher
];

/** The artifact kinds and config sections of every step of every command. */
export const formats: Formats = {
  kinds: kindsOf([...buildPipeline, ...releasePipeline, ...mergePipeline, ...publishPipeline]),
  sections: sectionsOf([...buildPipeline, ...releasePipeline, ...mergePipeline, ...publishPipeline]),
};

/** schema.json: goship's keys and every format's section. */
export function goshipJsonSchema(): object {
  return configJsonSchema(formats.sections);
}
