// The library side of `goship check` and `goship init`: resolve the config as a release would,
// without git, building or writing dist.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { convertGoreleaser, initialConfig } from "../config/init.js";
import { findConfig, goreleaserConfigNames, loadConfigFile } from "../config/load.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { ReleaseError } from "../errors.js";
import { createContext, need, type ReleaseOptions } from "../pipeline/context.js";
import { runPipeline } from "../pipeline/run.js";
import { configStep } from "../project/config-step.js";
import { moduleStep, toolchainStep } from "../project/steps.js";
import { formats } from "./pipelines.js";

export type CheckOptions = Pick<ReleaseOptions, "dir" | "config" | "env" | "logger" | "signal" | "exec">;

/** Validates the module's config (goship's or GoReleaser's); throws a ConfigError listing every problem. */
export async function checkConfig(options: CheckOptions = {}): Promise<ResolvedConfig> {
  const ctx = createContext("build", options, formats);
  await runPipeline(ctx, [toolchainStep, moduleStep, configStep]);
  return need(ctx, "config");
}

export interface InitOptions extends CheckOptions {
  /** Convert the module's GoReleaser file instead of writing goship's defaults. */
  readonly fromGoreleaser?: boolean;
}

export class ConfigExistsError extends ReleaseError {
  constructor(file: string) {
    super(`${file} already exists; goship init never overwrites a config — edit it, or remove it first`);
  }
}

/** Writes goship.yaml into the module root; returns its path and the notes of a conversion. */
export async function initConfig(options: InitOptions = {}): Promise<{ file: string; notes: string[] }> {
  const ctx = createContext("build", options);
  await runPipeline(ctx, [toolchainStep, moduleStep]);
  const module = need(ctx, "module");
  const file = path.join(module.dir, "goship.yaml");
  const existing = findConfig(module.dir);
  if (existsSync(file) || (existing && existing.kind === "goship"))
    throw new ConfigExistsError(existing?.file ?? file);
  if (!options.fromGoreleaser) {
    await writeFile(file, initialConfig({ modulePath: module.path, mains: module.mains }), { flag: "wx" });
    return { file, notes: [] };
  }
  const source = existing?.kind === "goreleaser" ? existing.file : undefined;
  if (!source) {
    throw new ReleaseError(`no GoReleaser file to convert; looked for ${goreleaserConfigNames.join(", ")}`);
  }
  const loaded = await loadConfigFile(source, "goreleaser", module.dir);
  const { text, notes } = convertGoreleaser(loaded.data, ctx.env);
  await writeFile(file, text, { flag: "wx" });
  return { file, notes };
}
