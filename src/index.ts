// goship's public API.
export type { Artifact, ArchiveFormat } from "./artifacts/artifact.js";
export { ExitCode, ReleaseError } from "./errors.js";
export type { Target } from "./go/targets.js";
export type { ReleaseOptions } from "./pipeline/context.js";
export { build, type ReleaseResult, release } from "./release.js";
