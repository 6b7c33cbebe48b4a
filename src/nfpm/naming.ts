// Architecture names, version strings and conventional file names per format, as nfpm writes them.
import type { PackageInfo } from "./info.js";

export type PackageFormat = "deb" | "rpm" | "apk" | "archlinux";

const DEB: Readonly<Record<string, string>> = {
  "386": "i386",
  arm5: "armel",
  arm6: "armhf",
  arm7: "armhf",
  mips64le: "mips64el",
  mipsle: "mipsel",
  ppc64le: "ppc64el",
  s390: "s390x",
  x86_64: "amd64",
  aarch64: "arm64",
};
const RPM: Readonly<Record<string, string>> = {
  all: "noarch",
  amd64: "x86_64",
  "386": "i386",
  arm64: "aarch64",
  arm5: "armv5tel",
  arm6: "armv6hl",
  arm7: "armv7hl",
  mips64le: "mips64el",
  mipsle: "mipsel",
  loong64: "loongarch64",
};
const APK: Readonly<Record<string, string>> = {
  all: "noarch",
  "386": "x86",
  amd64: "x86_64",
  arm64: "aarch64",
  arm6: "armhf",
  arm7: "armv7",
  s390: "s390x",
  loong64: "loongarch64",
};
const ARCHLINUX: Readonly<Record<string, string>> = {
  all: "any",
  amd64: "x86_64",
  "386": "i686",
  arm64: "aarch64",
  arm7: "armv7h",
  arm6: "armv6h",
  arm5: "arm",
};
const TABLES = { deb: DEB, rpm: RPM, apk: APK, archlinux: ARCHLINUX } as const;

/** The format's name for nfpm's architecture key; unknown keys pass through as nfpm lets them. */
export function formatArch(format: PackageFormat, arch: string): string {
  return TABLES[format][arch] ?? arch;
}

/** Whether Arch Linux has a name for this architecture (GoReleaser skips the others). */
export function hasArchlinuxArch(arch: string): boolean {
  return arch in ARCHLINUX || arch === "riscv64";
}

/** Debian's `[epoch:]version[~pre][+meta][-release]`. */
export function debVersion(info: PackageInfo): string {
  return `${info.epoch ? `${info.epoch}:` : ""}${debFileVersion(info)}`;
}

/** The deb version without epoch, as it appears in file names. */
export function debFileVersion(info: PackageInfo): string {
  let version = info.version;
  if (info.prerelease) version += `~${info.prerelease}`;
  if (info.versionMetadata) version += `+${info.versionMetadata}`;
  if (info.release) version += `-${info.release}`;
  return version;
}

/** rpm's Version tag: `version[~pre with "-" as "_"][+meta]`. */
export function rpmVersion(info: PackageInfo): string {
  let version = info.version;
  if (info.prerelease) version += `~${info.prerelease.replaceAll("-", "_")}`;
  if (info.versionMetadata) version += `+${info.versionMetadata}`;
  return version;
}

export function rpmRelease(info: PackageInfo): string {
  return info.release || "1";
}

/** Alpine's `version[_pre][-rN][-pMeta]`. */
export function apkVersion(info: PackageInfo): string {
  let version = info.version;
  if (info.prerelease) version += `_${info.prerelease}`;
  if (info.release) version += `-${info.release.startsWith("r") ? info.release : `r${info.release}`}`;
  const meta = info.versionMetadata;
  if (meta) version += `-${/^(p|cvs|svn|git|hg)/.test(meta) ? meta : `p${meta}`}`;
  return version;
}

/** Arch's pkgrel: the release when it is a number, else 1. */
export function archlinuxRelease(info: PackageInfo): number {
  return /^\d+$/.test(info.release) ? Number(info.release) : 1;
}

/** Arch's `pkgver-pkgrel`, with an epoch prefix when set. */
export function archlinuxVersion(info: PackageInfo): string {
  const pkgver = info.version + info.prerelease.replaceAll("-", "_");
  return `${info.epoch ? `${info.epoch}:` : ""}${pkgver}-${archlinuxRelease(info)}`;
}

export function conventionalExtension(format: PackageFormat): string {
  return format === "archlinux" ? ".pkg.tar.zst" : `.${format}`;
}

/** nfpm's ConventionalFileName for each format (GoReleaser's `{{ .ConventionalFileName }}`). */
export function conventionalFileName(format: PackageFormat, info: PackageInfo): string {
  const arch = formatArch(format, info.arch);
  switch (format) {
    case "deb":
      return `${info.name}_${debFileVersion(info)}_${arch}.deb`;
    case "rpm":
      return `${info.name}-${rpmVersion(info)}-${rpmRelease(info)}.${arch}.rpm`;
    case "apk":
      return `${info.name}_${apkVersion(info)}_${arch}.apk`;
    case "archlinux": {
      const name = `${info.name}-${info.version}${info.prerelease.replaceAll("-", "_")}-${archlinuxRelease(info)}-${arch}.pkg.tar.zst`;
      return name.replace(/[^A-Za-z0-9._+-]/g, "").replace(/^[-.]+/, "");
    }
  }
}
