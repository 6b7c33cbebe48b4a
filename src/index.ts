// goship's public API.
export type { ArchiveFormat, Artifact } from "./artifacts/artifact.js";
export { defineConfig } from "./config/define-config.js";
export { ConfigError, type ConfigIssue } from "./config/errors.js";
export type { ResolvedConfig } from "./config/resolve.js";
export type { UserConfig } from "./config/schema.js";
export { ExitCode, ReleaseError } from "./errors.js";
export type { Target } from "./go/targets.js";
export type { ReleaseOptions } from "./pipeline/context.js";
export { type CheckOptions, checkConfig, type InitOptions, initConfig } from "./pipelines/check.js";
export { goshipJsonSchema as configJsonSchema } from "./pipelines/pipelines.js";
export { build, publish, type ReleaseResult, release } from "./release.js";
