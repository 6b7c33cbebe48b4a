// goship's public API.
export type { ArchiveFormat, Artifact } from "./artifacts/artifact.js";
export { type CheckOptions, checkConfig, type InitOptions, initConfig } from "./config/check.js";
export { defineConfig } from "./config/define-config.js";
export { ConfigError, type ConfigIssue } from "./config/errors.js";
export type { ResolvedConfig } from "./config/resolve.js";
export { configJsonSchema, type UserConfig } from "./config/schema.js";
export { ExitCode, ReleaseError } from "./errors.js";
export type { Target } from "./go/targets.js";
export type { ReleaseOptions } from "./pipeline/context.js";
export { build, type ReleaseResult, release } from "./release.js";
