// What one package is made of, independent of its format: metadata, relations, scripts and files.
import { parseSemver } from "../semver/parse.js";
import type { Compression } from "./compress.js";

/** GoReleaser's content types; "file" is a plain file. */
export type ContentType = "file" | "config" | "config|noreplace" | "dir" | "symlink" | "ghost";

/** One entry of the installed tree, already read and normalised. */
export interface PackageFile {
  /** Absolute posix path: `/usr/bin/app`. */
  readonly dst: string;
  readonly type: ContentType;
  /** Permission bits. */
  readonly mode: number;
  readonly owner: string;
  readonly group: string;
  /** Unix seconds. */
  readonly mtime: number;
  /** Content of a file or config file. */
  readonly data?: Uint8Array;
  /** Target of a symlink. */
  readonly linkTarget?: string;
}

export interface PackageScripts {
  readonly preinstall?: string;
  readonly postinstall?: string;
  readonly preremove?: string;
  readonly postremove?: string;
}

export interface PackageInfo {
  readonly name: string;
  /**
   * nfpm's architecture key: GOARCH plus GOARM/GOMIPS (`amd64`, `arm64`, `arm7`, `386`), or `all`;
   * each format maps it to its own name.
   */
  readonly arch: string;
  /** GOAMD64 level (`v1`..`v4`) for amd64, else empty. */
  readonly amd64Level: string;
  /** `major.minor.patch` (or the version as given when it is not semver). */
  readonly version: string;
  readonly prerelease: string;
  readonly versionMetadata: string;
  readonly release: string;
  readonly epoch: string;
  readonly section: string;
  readonly priority: string;
  readonly maintainer: string;
  readonly description: string;
  readonly vendor: string;
  readonly homepage: string;
  readonly license: string;
  readonly depends: readonly string[];
  readonly recommends: readonly string[];
  readonly suggests: readonly string[];
  readonly conflicts: readonly string[];
  readonly replaces: readonly string[];
  readonly provides: readonly string[];
  readonly scripts: PackageScripts;
  /** Sorted by destination; parent directories are not implied here (each format adds its own). */
  readonly files: readonly PackageFile[];
  /** Unix seconds: the commit time, SOURCE_DATE_EPOCH or `mtime`. */
  readonly mtime: number;
  readonly deb: {
    readonly predepends: readonly string[];
    readonly breaks: readonly string[];
    readonly fields: Readonly<Record<string, string>>;
    readonly compression: Compression;
  };
  readonly rpm: {
    readonly summary: string;
    readonly group: string;
    readonly packager: string;
    /** Pinned so that packages do not carry the name of the machine that built them. */
    readonly buildHost: string;
    readonly compression: Compression;
    readonly prefixes: readonly string[];
  };
  readonly archlinux: { readonly pkgbase: string; readonly packager: string };
}

/** Splits `1.2.3-rc.1+meta` as nfpm does: semver parts, else the version as it is. */
export function splitVersion(version: string): { version: string; prerelease: string; metadata: string } {
  const parsed = parseSemver(version);
  if (!parsed) return { version, prerelease: "", metadata: "" };
  const { major, minor, patch, prerelease, build } = parsed;
  return { version: `${major}.${minor}.${patch}`, prerelease, metadata: build };
}

/** The first line of the description: rpm's Summary and Debian's synopsis. */
export function summaryOf(description: string): string {
  return description.trim().split("\n")[0]?.trim() ?? "";
}

/** Every parent directory of the files that the package does not list itself, shortest first. */
export function impliedDirectories(files: readonly PackageFile[]): string[] {
  const listed = new Set(files.map((file) => file.dst));
  const implied = new Set<string>();
  for (const file of files) {
    const parts = file.dst.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join("/")}`;
      if (!listed.has(dir)) implied.add(dir);
    }
  }
  return [...implied].sort();
}

/** Installed bytes of the regular files among `files`. */
export function installedSize(files: readonly PackageFile[]): number {
  return files.filter(isRegular).reduce((total, file) => total + (file.data?.length ?? 0), 0);
}

export function isRegular(file: PackageFile): boolean {
  return file.type === "file" || file.type === "config" || file.type === "config|noreplace";
}
