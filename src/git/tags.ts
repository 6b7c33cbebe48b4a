// Which tag names a release when several point at the same commit: the highest version, as
// GoReleaser picks it (semver order, prereleases below their release), non-version tags after.

import { parseSemver } from "../semver/parse.js";

interface Semver {
  readonly core: readonly [bigint, bigint, bigint];
  readonly prerelease: readonly string[];
}

function parse(tag: string): Semver | undefined {
  const version = parseSemver(tag);
  if (!version) return undefined;
  const { major, minor, patch, prerelease } = version;
  return { core: [major, minor, patch], prerelease: prerelease ? prerelease.split(".") : [] };
}

/** Semver precedence (semver.org §11): negative when a < b. */
function compare(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    if (a.core[i]! !== b.core[i]!) return a.core[i]! < b.core[i]! ? -1 : 1;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xNum !== yNum) return xNum ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Tags ordered best first: versions from highest to lowest (equal versions by name), then the
 * other tags by name. The order never depends on the order git lists them in.
 */
export function sortTags(tags: readonly string[]): string[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...new Set(tags.filter((t) => t !== ""))].sort((a, b) => {
    const x = parse(a);
    const y = parse(b);
    if (x && y) return compare(y, x) || byName(a, b);
    if (x || y) return x ? -1 : 1;
    return byName(a, b);
  });
}

/** The tag a release at this commit is named after, or undefined without tags. */
export function bestTag(tags: readonly string[]): string | undefined {
  return sortTags(tags)[0];
}
