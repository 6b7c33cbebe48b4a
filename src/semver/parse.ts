// One reader of version strings, as lenient as the semver library GoReleaser uses
// (Masterminds/semver): an optional "v", minor and patch optional, pre-release and build parts.

const LOOSE_SEMVER =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** The part after "-", or "" when there is none. */
  readonly prerelease: string;
  /** The part after "+", or "" when there is none. */
  readonly build: string;
}

/** The version's parts, or undefined when it is not a version. */
export function parseSemver(text: string): Semver | undefined {
  const match = LOOSE_SEMVER.exec(text);
  if (!match) return undefined;
  const [, major = "0", minor = "0", patch = "0", prerelease = "", build = ""] = match;
  return { major: BigInt(major), minor: BigInt(minor), patch: BigInt(patch), prerelease, build };
}
