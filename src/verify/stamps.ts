// Did each `-X symbol=value` land? Under -trimpath the ldflags are not in build info, and the
// linker silently ignores a mistyped, constant or unreachable variable, so we look for the value
// in the bytes themselves — outside the build-info text, where VCS facts repeat the same strings.
import { type BuildInfo, formatModinfo } from "../inspect/index.js";

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
  const modinfo = `${buildInfo.goVersion}\n${formatModinfo(buildInfo)}`;
  return stamps.map(({ symbol, value }) => {
    if (value === "") return { symbol, value, found: true };
    const inFile = countOccurrences(file, Buffer.from(value, "utf8"));
    const inBuildInfo = countOccurrences(Buffer.from(modinfo, "utf8"), Buffer.from(value, "utf8"));
    return { symbol, value, found: inFile > inBuildInfo };
  });
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
