// The runner: each step in order with skip handling, timing and error prefixes; cleanup on failure.
import { CancelledError, isReleaseError } from "../errors.js";
import type { ReleaseContext } from "./context.js";
import { SkipError, type Step } from "./step.js";

export async function runPipeline(ctx: ReleaseContext, steps: readonly Step[]): Promise<void> {
  try {
    for (const step of steps) await runStep(ctx, step);
  } catch (error) {
    await runAll(ctx.onFailure);
    throw ctx.signal.aborted && !(error instanceof CancelledError) ? new CancelledError() : error;
  } finally {
    await runAll(ctx.onExit);
  }
}

async function runStep(ctx: ReleaseContext, step: Step): Promise<void> {
  if (ctx.signal.aborted) throw new CancelledError();
  const reason = step.skip?.(ctx);
  if (reason !== undefined) {
    ctx.log.debug?.(`skipped ${step.name}`, { reason });
    return;
  }
  const started = performance.now();
  ctx.log.debug?.(step.name);
  try {
    await step.run(ctx);
  } catch (error) {
    if (error instanceof SkipError) {
      ctx.log.info(`${step.name}: skipped`, { reason: error.message });
      return;
    }
    if (isReleaseError(error)) error.step ??= step.name;
    throw error;
  }
  ctx.log.debug?.(`${step.name} done`, { ms: Math.round(performance.now() - started) });
}

/** Cleanups run last-registered first, and every one runs even when another fails. */
async function runAll(hooks: Array<() => Promise<void>>): Promise<void> {
  for (const hook of hooks.splice(0).reverse()) {
    try {
      await hook();
    } catch {
      // A cleanup failure must not hide the error that caused the cleanup.
    }
  }
}
