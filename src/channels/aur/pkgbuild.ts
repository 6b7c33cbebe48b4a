// An AUR `-bin` package (`aurs`): the PKGBUILD and .SRCINFO GoReleaser v2.15 writes, over the
// release's Linux archives, pushed to the package's AUR git repository.
import { goQuote, type ReleasedAsset, trimTrailingSpaces } from "../assets.js";
import { ChannelConfigError } from "../errors.js";

export interface AurSpec {
  /** The first line of PKGBUILD. */
  readonly header: string;
  /** The package name, always ending in `-bin`. */
  readonly name: string;
  /** The release version; `-` becomes `_` in pkgver. */
  readonly version: string;
  readonly rel: string;
  readonly description: string;
  readonly homepage: string;
  readonly license: string;
  readonly maintainers: readonly string[];
  readonly contributors: readonly string[];
  readonly provides: readonly string[];
  readonly conflicts: readonly string[];
  readonly depends: readonly string[];
  readonly optDepends: readonly string[];
  readonly backup: readonly string[];
  /** The rendered `package()` body, "" for the default install of the first binary. */
  readonly package: string;
  /** Content of the `.install` file, "" for none. */
  readonly install: string;
}

export interface AurSource {
  readonly arch: string;
  readonly asset: ReleasedAsset;
}

const pacmanArch: Readonly<Record<string, string>> = {
  amd64: "x86_64",
  "386": "i686",
  arm64: "aarch64",
  arm7: "armv7h",
};

/** Linux assets pacman can install, sorted by pacman architecture name. */
export function aurSources(assets: readonly ReleasedAsset[]): AurSource[] {
  const sources = assets
    .filter((a) => a.goos === "linux")
    .flatMap((asset) => {
      const arch = pacmanArch[asset.goarch === "arm" ? `arm${asset.level}` : asset.goarch];
      return arch ? [{ arch, asset }] : [];
    })
    .sort((a, b) => (a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0));
  if (sources.length === 0) {
    throw new ChannelConfigError(
      "no Linux archive for amd64, arm64, 386 or arm (GOARM 7) matches this AUR package: build for linux, or check `ids` and `goamd64`",
    );
  }
  const arches = sources.map((s) => s.arch);
  const repeated = arches.find((a, i) => arches.indexOf(a) !== i);
  if (repeated) {
    throw new ChannelConfigError(
      `two Linux archives for ${repeated} match this AUR package: pick one with \`ids\` or \`goamd64\``,
    );
  }
  return sources;
}

export const pkgver = (version: string) => version.replaceAll("-", "_");

/** The shell variable makepkg expands in sources; written out so the URL survives version bumps. */
const PKGVER = "$" + "{pkgver}";

/** pkgdesc quoting: single quotes, double when the text has `'`, and `"` → `'` when it has both. */
export function quoteField(value: string): string {
  const single = value.includes("'");
  const double = value.includes('"');
  if (single && double) return `"${value.replaceAll('"', "'")}"`;
  return single ? `"${value}"` : `'${value}'`;
}

const pkgArray = (items: readonly string[]) => items.map((i) => `'${i}'`).join(" ");

/** `install -Dm755 "./<dir>/<bin>" "${pkgdir}/usr/bin/<bin>"` for the first binary of the first asset. */
export function defaultPackageBody(asset: ReleasedAsset): string {
  if (asset.type === "binary") {
    return `install -Dm755 ${goQuote(`./${asset.name}`)} ${goQuote(`\${pkgdir}/usr/bin/${asset.binaries[0] ?? ""}`)}`;
  }
  const bin = asset.binaries[0];
  if (!bin) return "";
  const inside = [asset.wrappedIn || ".", bin].join("/").replace(/^\.\//, "");
  return `install -Dm755 ${goQuote(`./${inside}`)} ${goQuote(`\${pkgdir}/usr/bin/${bin}`)}`;
}

const fixLines = (text: string) =>
  text
    .split("\n")
    .map((l) => (l.trim() === "" ? "" : `  ${l.trim()}`))
    .join("\n");

/**
 * The default package() body. GoReleaser installs from the folder of whichever archive it saw
 * first, which is wrong on every other architecture when archives wrap their files in per-target
 * folders; goship globs the part of the folder name that differs (one archive is extracted).
 */
export function packageBody(sources: readonly AurSource[]): string {
  const first = (sources[0] as AurSource).asset;
  const folders = [...new Set(sources.map((s) => s.asset.wrappedIn))];
  if (first.type === "binary" || folders.length < 2 || folders.includes("")) return defaultPackageBody(first);
  let prefix = folders[0] as string;
  for (const f of folders) while (!f.startsWith(prefix)) prefix = prefix.slice(0, -1);
  let suffix = folders[0] as string;
  for (const f of folders) while (!f.endsWith(suffix)) suffix = suffix.slice(1);
  const bin = first.binaries[0] ?? "";
  return `install -Dm755 ${goQuote(`./${prefix}`)}*${goQuote(`${suffix}/${bin}`)} ${goQuote(`\${pkgdir}/usr/bin/${bin}`)}`;
}

export function writePkgbuild(spec: AurSpec, assets: readonly ReleasedAsset[]): string {
  const sources = aurSources(assets);
  const version = pkgver(spec.version);
  const body = spec.package.trim() ? spec.package : packageBody(sources);
  const optional = (key: string, items: readonly string[]) =>
    items.length ? `\n${key}=(${pkgArray(items)})` : "";
  const raw = [
    spec.header,
    ...spec.maintainers.map((m) => `\n# Maintainer: ${m}`),
    ...spec.contributors.map((c) => `\n# Contributor: ${c}`),
    `\n\npkgname='${spec.name}'\npkgver=${version}\npkgrel=${spec.rel}\npkgdesc=${quoteField(spec.description)}`,
    `\nurl='${spec.homepage}'\narch=(${pkgArray(sources.map((s) => s.arch))})\nlicense=('${spec.license}')`,
    optional("provides", spec.provides),
    optional("conflicts", spec.conflicts),
    optional("depends", spec.depends),
    optional("optdepends", spec.optDepends),
    optional("backup", spec.backup),
    spec.install ? `\ninstall=${spec.name.replace(/-bin$/, "")}.install` : "",
    "\n\n",
    ...sources.map(
      ({ arch, asset }) =>
        `source_${arch}=("\${pkgname}_\${pkgver}_${arch}.${asset.format}::${asset.url.replaceAll(version, PKGVER)}")\nsha256sums_${arch}=('${asset.sha256}')\n\n`,
    ),
    body ? `package() {\n${fixLines(body)}\n}\n` : "",
  ].join("");
  return trimTrailingSpaces(raw);
}

/** The .SRCINFO GoReleaser writes (its field order, not makepkg's; see the AUR tests). */
export function writeSrcinfo(spec: AurSpec, assets: readonly ReleasedAsset[]): string {
  const sources = aurSources(assets);
  const fields: string[] = [
    `pkgdesc = ${spec.description}`,
    `pkgver = ${pkgver(spec.version)}`,
    `pkgrel = ${spec.rel}`,
    ...(spec.homepage ? [`url = ${spec.homepage}`] : []),
    ...(spec.license ? [`license = ${spec.license}`] : []),
    ...spec.optDepends.map((d) => `optdepends = ${d}`),
    ...spec.depends.map((d) => `depends = ${d}`),
    ...spec.conflicts.map((c) => `conflicts = ${c}`),
    ...spec.provides.map((p) => `provides = ${p}`),
    ...sources.flatMap(({ arch, asset }) => [
      `arch = ${arch}`,
      `source_${arch} = ${asset.url}`,
      `sha256sums_${arch} = ${asset.sha256}`,
    ]),
  ];
  return trimTrailingSpaces(
    `pkgbase = ${spec.name}\n${fields.map((f) => `\t${f}\n`).join("")}\t\npkgname = ${spec.name}\n`,
  );
}
