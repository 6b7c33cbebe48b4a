// The library API: `release()` and `build()` run their pipeline and return what they made.
import type { Artifact } from "./artifacts/artifact.js";
import { createContext, need, type ReleaseContext, type ReleaseOptions } from "./pipeline/context.js";
import { runPipeline } from "./pipeline/run.js";
import {
  buildPipeline,
  formats,
  mergePipeline,
  partPipeline,
  publishPipeline,
  releasePipeline,
} from "./pipelines/pipelines.js";
import { plannedTargets } from "./split/manifest.js";

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
  return run(createContext("release", options, formats), options.part ? partPipeline : releasePipeline);
}

/** Brings the parts of a sharded release (`options.parts`) together into one verified release. */
export async function merge(options: ReleaseOptions & { parts: readonly string[] }): Promise<ReleaseResult> {
  // The parts were planned for a target list (any --targets of their runs); the merge takes it
  // from them, and the check of the parts still proves that they all agree.
  const planned = options.targets ?? (await plannedTargets(options.parts[0]));
  return run(createContext("release", { ...options, targets: planned }, formats), mergePipeline);
}

/** Builds the binaries of every target into dist/bin. */
export function build(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  return run(createContext("build", options, formats), buildPipeline);
}

/** Publishes the dist a release made: the forge release with its notes and assets; builds nothing. */
export async function publish(options: ReleaseOptions = {}): Promise<void> {
  await runPipeline(createContext("release", options, formats), publishPipeline);
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
