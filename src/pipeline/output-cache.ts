// The run's output cache: one per run, shared by every step that reuses outputs.
import { OutputCache, userCacheDir } from "../cache/output-cache.js";
import type { ReleaseContext } from "./context.js";
import { factKey } from "./facts.js";

const runOutputCache = factKey<OutputCache>("output cache");

/** The run's output cache, shared by every step that uses it; undefined with `--no-cache`. */
export function outputCacheOf(ctx: ReleaseContext): OutputCache | undefined {
  return ctx.options.cache
    ? ctx.facts.once(runOutputCache, () => new OutputCache(userCacheDir(ctx.env)))
    : undefined;
}
