// Runs each target's own steps (build → archive → checksum) with bounded concurrency, so one
// target's archive is written while others still compile, longest targets first. The first
// failure stops the rest.

import { userCacheDir } from "../cache/output-cache.js";
import { loadTimings, longestFirst, saveTimings } from "../cache/timings.js";
import { CancelledError } from "../errors.js";
import { formatTarget, type Target } from "../go/targets.js";
import type { TargetState } from "../log/progress.js";
import { need, type ReleaseContext } from "./context.js";
import type { Step, TargetStep } from "./step.js";

/**
 * Runs `steps` for each target: the release's targets, or those `targetsOf` gives (the darwin/all
 * target of universal binaries, say).
 */
export function forEachTarget(
  name: string,
  steps: readonly TargetStep[],
  targetsOf: (ctx: ReleaseContext) => readonly Target[] = (ctx) => need(ctx, "targets"),
): Step {
  return {
    name,
    inner: steps,
    async run(ctx) {
      const targets = targetsOf(ctx);
      if (targets.length === 0) return;
      const stopOthers = new AbortController();
      const signal = AbortSignal.any([ctx.signal, stopOthers.signal]);
      const targetCtx: ReleaseContext = { ...ctx, signal };
      const active = steps.filter((step) => step.skip?.(ctx) === undefined);
      const cacheDir = userCacheDir(ctx.env);
      const modulePath = need(ctx, "module").path;
      const ordered = longestFirst(targets, formatTarget, await loadTimings(cacheDir, modulePath));
      const measured: Record<string, number> = {};
      ctx.progress.start(targets.map(formatTarget));
      const failures: unknown[] = [];
      try {
        await runBounded(ordered, ctx.options.parallelism, async (target) => {
          const id = formatTarget(target);
          const started = performance.now();
          try {
            for (const step of active) {
              if (signal.aborted) throw new CancelledError();
              ctx.progress.update(id, stateOf(step));
              await step.run(targetCtx, target);
            }
            ctx.progress.update(id, "done");
            measured[id] = Math.round(performance.now() - started);
          } catch (error) {
            // A target cut short by another's failure or by Ctrl-C did not fail: it was stopped.
            ctx.progress.update(id, signal.aborted ? "stopped" : "failed");
            if (!stopOthers.signal.aborted) failures.push(error);
            stopOthers.abort();
          }
        });
      } finally {
        ctx.progress.stop();
      }
      if (failures.length > 0) throw ctx.signal.aborted ? new CancelledError() : failures[0];
      await saveTimings(cacheDir, modulePath, measured);
    },
  };
}

function stateOf(step: TargetStep): TargetState {
  return step.name.startsWith("build") ? "building" : "archiving";
}

/** Runs `work` over `items` with at most `limit` at once, in order of the list. */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
