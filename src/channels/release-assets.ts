// The release's archives and binaries as the manifest writers see them: the folder an archive
// wraps its files in and the binaries it holds are read from the archive's own entry list.
import type { ReleasedAsset } from "./assets.js";

/** What an archive artifact records (the fields the writers need). */
export interface ArchiveFacts {
  readonly name: string;
  readonly sha256: string;
  readonly target: { readonly goos: string; readonly goarch: string; readonly level?: string };
  readonly format: string;
  /** Entry paths inside the archive. */
  readonly files: readonly string[];
}

/** A binary's plain name per target (`tool`, `tool.exe`). */
export interface BinaryFacts {
  readonly binary: string;
  readonly target: { readonly goos: string; readonly goarch: string; readonly level?: string };
}

const sameTarget = (a: ArchiveFacts["target"], b: BinaryFacts["target"]) =>
  a.goos === b.goos && a.goarch === b.goarch && (a.level ?? "") === (b.level ?? "");

/** The archive's top folder when every entry sits inside one, else "". */
export function wrapFolder(files: readonly string[]): string {
  const tops = new Set(files.map((f) => (f.includes("/") ? f.slice(0, f.indexOf("/")) : "")));
  const [top] = [...tops];
  return tops.size === 1 && top ? top : "";
}

/**
 * Archives as assets. A "binary" format archive is a binary released as it is. The level is the
 * one GoReleaser filters on (goamd64 `v1`, goarm `7`), read from the target.
 */
export function releasedAssets(
  archives: readonly ArchiveFacts[],
  binaries: readonly BinaryFacts[],
  defaultLevel: (target: ArchiveFacts["target"]) => string,
): ReleasedAsset[] {
  return archives.map((archive) => {
    const wrappedIn = archive.format === "binary" ? "" : wrapFolder(archive.files);
    const names = new Set(binaries.filter((b) => sameTarget(archive.target, b.target)).map((b) => b.binary));
    const inside = archive.files
      .map((f) => (wrappedIn ? f.slice(wrappedIn.length + 1) : f))
      .filter((f) => names.has(f.split("/").at(-1) ?? ""));
    return {
      name: archive.name,
      url: "",
      sha256: archive.sha256,
      goos: archive.target.goos,
      goarch: archive.target.goarch,
      level: archive.target.level ?? defaultLevel(archive.target),
      type: archive.format === "binary" ? "binary" : "archive",
      format: archive.format,
      wrappedIn,
      binaries: archive.format === "binary" ? [...names].slice(0, 1) : inside,
      extraFiles: archive.files
        .map((f) => (wrappedIn ? f.slice(wrappedIn.length + 1) : f))
        .filter((f) => !inside.includes(f)),
    };
  });
}
