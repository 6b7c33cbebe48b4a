// The npm packages of a release, as files: one package per platform holding the exact released
// binaries, and a main package whose optionalDependencies name them at the same exact version.
import type { Target } from "../../go/targets.js";
import { ChannelConfigError } from "../errors.js";
import { binScript, launchModule } from "./launcher.js";
import { type NodePlatform, nodePlatformOf, platformPackageName } from "./platforms.js";

/** What the user says about the package (GoReleaser Pro's `npms` keys that map). */
export interface NpmPackageInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly homepage: string;
  readonly keywords: readonly string[];
  readonly license: string;
  readonly author: string;
  /** A git URL, or "" for none. */
  readonly repository: string;
  /** The issue tracker URL, or "" for none. */
  readonly bugs: string;
}

/** One released binary: its target, its plain name (`tool`, `tool.exe`) and its bytes. */
export interface NpmBinary {
  readonly target: Target;
  readonly binary: string;
  readonly data: Uint8Array;
}

export interface NpmFile {
  /** Path inside the package (without the tarball's `package/` prefix). */
  readonly path: string;
  readonly mode: number;
  readonly data: Uint8Array;
}

export interface NpmPackage {
  readonly name: string;
  readonly version: string;
  /** "main" for the package users install; "platform" for those it depends on. */
  readonly role: "main" | "platform";
  readonly platform?: NodePlatform;
  readonly files: readonly NpmFile[];
}

const text = (value: string) => Buffer.from(value, "utf8");
const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);

/** npm's own rule for names, checked early so that a typo fails before anything is built. */
export function checkPackageName(name: string): void {
  const ok = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(name) && name.length <= 214;
  if (!ok) {
    throw new ChannelConfigError(
      `npm package name ${JSON.stringify(name)} is not valid: use lower case letters, digits, "-", "." or "_", optionally under a scope such as "@acme/tool"`,
    );
  }
}

/** The tag without its `v`: npm versions are plain semver. */
export function npmVersion(version: string): string {
  const plain = version.replace(/^v/, "");
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(plain)) {
    throw new ChannelConfigError(
      `version ${JSON.stringify(version)} is not semver, which npm requires: tag the release like v1.2.3`,
    );
  }
  return plain;
}

/** `latest` for a release; for a prerelease its first identifier (`rc`, `beta`), else `next`. */
export function defaultDistTag(version: string): string {
  const pre = /^[^-+]+-([^+]+)/.exec(version)?.[1];
  if (!pre) return "latest";
  const first = pre.split(".")[0] ?? "";
  return /^[A-Za-z][0-9A-Za-z-]*$/.test(first) ? first : "next";
}

function commonFields(info: NpmPackageInfo): Record<string, unknown> {
  return {
    ...(info.license ? { license: info.license } : {}),
    ...(info.homepage ? { homepage: info.homepage } : {}),
    ...(info.repository ? { repository: { type: "git", url: info.repository } } : {}),
  };
}

/** Groups binaries by Node platform; several binaries of one platform share its package. */
function byPlatform(
  binaries: readonly NpmBinary[],
): Map<string, { platform: NodePlatform; bins: NpmBinary[] }> {
  const groups = new Map<string, { platform: NodePlatform; bins: NpmBinary[] }>();
  for (const bin of binaries) {
    const platform = nodePlatformOf(bin.target);
    if (!platform) continue;
    const key = `${platform.os} ${platform.cpu}`;
    const group = groups.get(key) ?? { platform, bins: [] };
    if (group.bins.some((b) => b.binary === bin.binary)) {
      throw new ChannelConfigError(
        `two builds of ${bin.binary} run on ${platform.os}/${platform.cpu}; npm can ship one: pick the builds with \`ids\` (or one architecture level per platform)`,
      );
    }
    group.bins.push(bin);
    groups.set(key, group);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every package of the release, platform packages first (the order they are published in). */
export function buildNpmPackages(info: NpmPackageInfo, binaries: readonly NpmBinary[]): NpmPackage[] {
  checkPackageName(info.name);
  const groups = byPlatform(binaries);
  if (groups.size === 0) {
    throw new ChannelConfigError(
      `no binary of this release runs on a platform Node knows, so ${info.name} would install nothing: build for linux, darwin or windows`,
    );
  }
  const platforms: NpmPackage[] = [...groups.values()].map(({ platform, bins }) => {
    const name = platformPackageName(info.name, platform);
    const manifest = {
      name,
      version: info.version,
      description: `The ${platform.os}-${platform.cpu} binary of ${info.name}`,
      ...commonFields(info),
      os: [platform.os],
      cpu: [platform.cpu],
      // Yarn PnP keeps executables only in unplugged packages.
      preferUnplugged: true,
    };
    const files: NpmFile[] = [
      { path: "package.json", mode: 0o644, data: json(manifest) },
      ...bins.map((b) => ({ path: `bin/${b.binary}`, mode: 0o755, data: b.data })),
    ];
    return { name, version: info.version, role: "platform", platform, files };
  });
  const commands = [...new Set(binaries.map((b) => b.binary.replace(/\.exe$/, "")))].sort();
  const table = Object.fromEntries(
    [...groups].map(([key, { platform }]) => [key, platformPackageName(info.name, platform)]),
  );
  const manifest = {
    name: info.name,
    version: info.version,
    ...(info.description ? { description: info.description } : {}),
    ...(info.keywords.length > 0 ? { keywords: info.keywords } : {}),
    ...(info.author ? { author: info.author } : {}),
    ...(info.bugs ? { bugs: { url: info.bugs } } : {}),
    ...commonFields(info),
    bin: Object.fromEntries(commands.map((c) => [c, `bin/${c}`])),
    optionalDependencies: Object.fromEntries(platforms.map((p) => [p.name, info.version])),
  };
  const main: NpmPackage = {
    name: info.name,
    version: info.version,
    role: "main",
    files: [
      { path: "package.json", mode: 0o644, data: json(manifest) },
      { path: "lib/launch.js", mode: 0o644, data: text(launchModule(info.name, table)) },
      ...commands.map((c) => ({ path: `bin/${c}`, mode: 0o755, data: text(binScript(c)) })),
    ],
  };
  return [...platforms, main];
}
