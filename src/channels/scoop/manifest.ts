// A Scoop manifest (`scoops`): the JSON GoReleaser v2.15 writes, Windows archives only, one per
// architecture, committed to a bucket.
import type { ReleasedAsset } from "../assets.js";
import { ChannelConfigError } from "../errors.js";
import { goJson } from "../go-json.js";

export interface ScoopSpec {
  readonly version: string;
  readonly homepage: string;
  readonly license: string;
  readonly description: string;
  readonly persist: readonly string[];
  readonly preInstall: readonly string[];
  readonly postInstall: readonly string[];
  readonly depends: readonly string[];
  readonly shortcuts: readonly (readonly string[])[];
}

const scoopArch: Readonly<Record<string, string>> = { "386": "32bit", amd64: "64bit", arm64: "arm64" };

/** Windows assets Scoop can install, keyed by Scoop's architecture name. */
export function scoopArchitectures(assets: readonly ReleasedAsset[]): Map<string, ReleasedAsset> {
  const byArch = new Map<string, ReleasedAsset>();
  for (const asset of assets) {
    const arch = asset.goos === "windows" ? scoopArch[asset.goarch] : undefined;
    if (!arch) continue;
    if (byArch.has(arch)) {
      throw new ChannelConfigError(
        `two Windows archives for ${asset.goarch} match this Scoop manifest, which holds one per architecture: pick one with \`ids\` or \`goamd64\``,
      );
    }
    byArch.set(arch, asset);
  }
  if (byArch.size === 0) {
    throw new ChannelConfigError(
      "no Windows archive for 386, amd64 or arm64 matches this Scoop manifest: build for windows, or check `ids` and `goamd64`",
    );
  }
  return byArch;
}

const nonEmpty = <T>(items: readonly T[]) => (items.length > 0 ? items : undefined);

/** The manifest's bytes: Go's 4-space JSON, keys in GoReleaser's order, empty fields left out. */
export function writeScoopManifest(spec: ScoopSpec, assets: readonly ReleasedAsset[]): string {
  const arches = scoopArchitectures(assets);
  const architecture = Object.fromEntries(
    [...arches.keys()].sort().map((arch) => {
      const asset = arches.get(arch) as ReleasedAsset;
      const bin = asset.binaries.map((b) => (asset.wrappedIn ? `${asset.wrappedIn}/${b}` : b));
      return [arch, { url: asset.url, bin: bin.length ? bin : null, hash: asset.sha256 }];
    }),
  );
  const manifest = {
    version: spec.version,
    architecture,
    homepage: spec.homepage || undefined,
    license: spec.license || undefined,
    description: spec.description || undefined,
    persist: nonEmpty(spec.persist),
    pre_install: nonEmpty(spec.preInstall),
    post_install: nonEmpty(spec.postInstall),
    depends: nonEmpty(spec.depends),
    shortcuts: nonEmpty(spec.shortcuts),
  };
  return `${goJson(manifest, "    ")}\n`;
}
