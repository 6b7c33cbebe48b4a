// The library API: `release()` and `build()` run their pipeline and return what they made.
import type { Artifact } from "./artifacts/artifact.js";
import { createContext, need, type ReleaseContext, type ReleaseOptions } from "./pipeline/context.js";
import { runPipeline } from "./pipeline/run.js";
import { buildPipeline, formats, releasePipeline } from "./pipelines/pipelines.js";

export interface ReleaseResult {
  readonly project: string;
  readonly version: string;
  readonly commit: string;
  readonly date: string;
  readonly goVersion: string;
  readonly snapshot: boolean;
  /** Absolute path of dist. */
  readonly distDir: string;
  readonly artifacts: readonly Artifact[];
  readonly durationMs: number;
}

/** Builds every target, archives and checksums them, and writes metadata into dist. */
export function release(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  return run(createContext("release", options, formats), releasePipeline);
}

/** Builds the binaries of every target into dist/bin. */
export function build(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  return run(createContext("build", options, formats), buildPipeline);
}

async function run(ctx: ReleaseContext, steps: Parameters<typeof runPipeline>[1]): Promise<ReleaseResult> {
  const started = performance.now();
  await runPipeline(ctx, steps);
  const info = need(ctx, "release");
  return {
    project: info.project,
    version: info.version,
    commit: info.commit,
    date: info.date,
    goVersion: need(ctx, "toolchain").goVersion,
    snapshot: info.snapshot,
    distDir: ctx.options.distDir,
    artifacts: ctx.artifacts.list(),
    durationMs: Math.round(performance.now() - started),
  };
}
