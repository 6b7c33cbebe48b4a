// Facts read back from a freshly built cgo binary, for metadata.json and verify.
import type { Target } from "../go/targets.js";
import { readBinary } from "../inspect/index.js";
import type { ReleaseContext } from "../pipeline/context.js";
import { cgoPlansOf, planKey } from "./plans.js";

/** Records the oldest glibc a dynamic Linux binary runs on (its highest GLIBC_ symbol version). */
export async function recordGlibcFloor(
  ctx: ReleaseContext,
  buildId: string,
  target: Target,
  bytes: Uint8Array,
): Promise<void> {
  const info = await readBinary(bytes, { scanLeakedPaths: false });
  if (info.linkage.format === "elf" && info.linkage.glibc)
    cgoPlansOf(ctx).glibc.set(planKey(buildId, target), info.linkage.glibc);
}
