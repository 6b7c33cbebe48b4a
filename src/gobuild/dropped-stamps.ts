// A GoReleaser file often stamps the same -X flags into every binary, but the linker keeps a
// variable only where the program reads it: `toolctl` that prints only Version drops Commit and
// Date. goship reads each binary back, says which release stamps did not land in it, and records
// them on the binary so that `goship verify` checks every stamp that did, and only those.

import { isBinaryReadError, readBuildInfo } from "../inspect/index.js";
import { confirmStamps } from "../inspect/stamps.js";
import type { ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import { verifiableStamps } from "./stamps.js";

const reported = factKey<Set<string>>("dropped stamps already reported");

/** The release stamps (metadata.json's) missing from these bytes; said once per binary and symbol. */
export async function droppedStamps(
  ctx: ReleaseContext,
  binary: string,
  bytes: Uint8Array,
): Promise<string[]> {
  const expected = verifiableStamps(ctx).map(([symbol, value]) => ({ symbol, value }));
  if (expected.length === 0) return [];
  let buildInfo: Awaited<ReturnType<typeof readBuildInfo>>;
  try {
    buildInfo = await readBuildInfo(bytes);
  } catch (error) {
    // A post hook may have packed the binary (upx): verification reports what it can read.
    if (isBinaryReadError(error)) return [];
    throw error;
  }
  const dropped = confirmStamps(bytes, buildInfo, expected)
    .filter((s) => !s.found)
    .map((s) => s.symbol);
  const said = ctx.facts.once(reported, () => new Set<string>());
  for (const symbol of dropped) {
    if (said.has(`${binary} ${symbol}`)) continue;
    said.add(`${binary} ${symbol}`);
    ctx.log.warn(
      `-X ${symbol} did not land in ${binary}: the linker drops a variable the program never reads`,
    );
  }
  return dropped;
}
