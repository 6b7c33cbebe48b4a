// Reading back what a manifest tells users to download: every (url, sha256) pair of a cask,
// formula, Scoop manifest, PKGBUILD, .SRCINFO or winget installer, checked against the release.

export interface DownloadReference {
  readonly url: string;
  readonly sha256: string;
}

export type ManifestFormat = "ruby" | "scoop" | "pkgbuild" | "srcinfo" | "winget-installer";

function pairs(urls: readonly string[], sums: readonly string[]): DownloadReference[] {
  return urls.map((url, i) => ({ url, sha256: sums[i] ?? "" }));
}

/** makepkg's variable for the version in a PKGBUILD source. */
const PKGVER = "$" + "{pkgver}";

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1] ?? "");

/** The download references a manifest holds, with its version placeholders expanded. */
export function downloadReferences(
  format: ManifestFormat,
  content: string,
  version: string,
): DownloadReference[] {
  switch (format) {
    case "ruby":
      return pairs(
        all(content, /^\s*url "([^"]*)"/gm).map((u) => u.replaceAll("#{version}", version)),
        all(content, /^\s*sha256 "([^"]*)"/gm),
      );
    case "scoop": {
      const manifest = JSON.parse(content) as {
        architecture?: Record<string, { url: string; hash: string }>;
      };
      return Object.values(manifest.architecture ?? {}).map((a) => ({ url: a.url, sha256: a.hash }));
    }
    case "pkgbuild": {
      const pkgver = /^pkgver=(.*)$/m.exec(content)?.[1] ?? version;
      return pairs(
        all(content, /^source_\w+=\("[^"]*::([^"]*)"\)/gm).map((u) => u.replaceAll(PKGVER, pkgver)),
        all(content, /^sha256sums_\w+=\('([^']*)'\)/gm),
      );
    }
    case "srcinfo":
      return pairs(all(content, /^\tsource_\w+ = (.*)$/gm), all(content, /^\tsha256sums_\w+ = (.*)$/gm));
    case "winget-installer":
      return pairs(
        all(content, /InstallerUrl: (\S+)/g),
        all(content, /InstallerSha256: "?([0-9a-fA-F]+)"?/g),
      );
  }
}

/** Problems with the references: each must name a release asset by its URL's last segment and carry its digest. */
export function checkReferences(
  references: readonly DownloadReference[],
  assets: ReadonlyMap<string, string>,
): string[] {
  if (references.length === 0) return ["the manifest names no download"];
  return references.flatMap(({ url, sha256 }) => {
    const name = decodeURIComponent(url.split(/[?#]/)[0]?.split("/").at(-1) ?? "");
    const digest = assets.get(name);
    if (digest === undefined) return [`${url} names ${name}, which is not an asset of this release`];
    return digest === sha256.toLowerCase()
      ? []
      : [`${url}: sha256 ${sha256} differs from ${name}'s ${digest}`];
  });
}
