// Did each `-X symbol=value` land? Under -trimpath the ldflags are not in build info, and the
// linker silently ignores a mistyped, constant or unreachable variable, so we look for the value
// in the bytes themselves — outside the build-info text, where VCS facts repeat the same strings.
import { type BuildInfo, formatModinfo } from "./index.js";

export interface StampResult {
  readonly symbol: string;
  readonly value: string;
  readonly found: boolean;
}

export function confirmStamps(
  bytes: Uint8Array,
  buildInfo: BuildInfo,
  stamps: ReadonlyArray<{ readonly symbol: string; readonly value: string }>,
): StampResult[] {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The linker keeps the module info twice (the build-info blob and runtime.modinfo): count the
  // copies, so that a value repeated there (vcs.revision, the module version) is not taken for a stamp.
  const modinfo = Buffer.from(formatModinfo({ ...buildInfo, goVersion: "" }), "utf8");
  const copies = Math.max(1, countOccurrences(file, modinfo));
  const versionCopies = countOccurrences(file, Buffer.from(buildInfo.goVersion, "utf8"));
  return stamps.map(({ symbol, value }) => {
    if (value === "") return { symbol, value, found: true };
    const needle = Buffer.from(value, "utf8");
    const expected =
      countOccurrences(modinfo, needle) * copies + (value === buildInfo.goVersion ? versionCopies : 0);
    return { symbol, value, found: countOccurrences(file, needle) > expected };
  });
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
