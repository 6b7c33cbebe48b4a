// incmajor / incminor / incpatch with the semantics of the semver library GoReleaser uses
// (Masterminds/semver): lenient parsing, and build metadata dropped by every increment.

import { parseSemver } from "../semver/parse.js";

export type Increment = "major" | "minor" | "patch";

/** The next version, keeping a leading "v" if the input had one: incpatch "v1.2.3" is "v1.2.4". */
export function incrementVersion(version: string, part: Increment): string {
  const parsed = parseSemver(version);
  if (!parsed)
    throw new Error(`${JSON.stringify(version)} is not a semantic version (Invalid Semantic Version)`);
  let { major, minor, patch } = parsed;
  if (part === "major") [major, minor, patch] = [major + 1n, 0n, 0n];
  else if (part === "minor") [minor, patch] = [minor + 1n, 0n];
  // A prerelease already sorts before its release, so incpatch only drops it: 1.2.3-rc.1 → 1.2.3.
  else if (parsed.prerelease === "") patch += 1n;
  return `${version.startsWith("v") ? "v" : ""}${major}.${minor}.${patch}`;
}
