// Archives as the pipeline sees them, and goship's defaults for what a goship.yaml leaves out.

import { ReleaseError } from "../errors.js";
import { formatTarget, type Target } from "../go/targets.js";
import type { ResolvedBuild } from "./builds.js";
import type { UserArchive, UserFile } from "./schema.js";

export type ArchiveFormatName = "tar.gz" | "tar" | "zip" | "binary" | "none";

/**
 * GoReleaser's `info` of archived files: tar owner and group names (uid/gid 0), permission bits,
 * and an RFC 3339 mtime. Templates, rendered per archive; "" and 0 leave goship's defaults.
 */
export interface ResolvedFileInfo {
  readonly owner: string;
  readonly group: string;
  readonly mode: number;
  readonly mtime: string;
}

export const noFileInfo: ResolvedFileInfo = { owner: "", group: "", mode: 0, mtime: "" };

/** One `files` entry: a glob (template) and where its matches go. `docs` is goship's default set. */
export type ResolvedFile =
  | { readonly kind: "docs" }
  | {
      readonly kind: "glob";
      readonly src: string;
      readonly dst: string;
      readonly stripParent: boolean;
      /** A default entry: matching nothing is normal, not worth a warning. */
      readonly optional: boolean;
      readonly info: ResolvedFileInfo;
    };

export interface ResolvedArchive {
  readonly id: string;
  /** Build ids whose binaries it holds; undefined: every build. */
  readonly ids: readonly string[] | undefined;
  /** Name without extension (template). */
  readonly nameTemplate: string;
  readonly formats: readonly ArchiveFormatName[];
  /** Matched by prefix of the target's os, as GoReleaser does. */
  readonly formatOverrides: ReadonlyArray<{
    readonly goos: string;
    readonly formats: readonly ArchiveFormatName[];
  }>;
  readonly files: readonly ResolvedFile[];
  /** Top folder (template); "" puts everything at the archive root. */
  readonly wrap: string;
  /** Whether the top folder is stored as an entry of its own (goship's layout). */
  readonly wrapEntry: boolean;
  readonly stripBinaryDirectory: boolean;
  readonly allowDifferentBinaryCount: boolean;
  /** GoReleaser's `builds_info`: owner, group and mtime of the binaries (their mode is always 0755). */
  readonly buildsInfo: ResolvedFileInfo;
}

export const defaultArchiveName = "{{ .ProjectName }}-{{ .Version }}-{{ .Os }}-{{ .ArchVariant }}";

export function withArchiveDefaults(user: UserArchive): ResolvedArchive {
  const nameTemplate = user.name_template ?? defaultArchiveName;
  const overrides = user.format_overrides?.map((o) => ({
    goos: o.goos,
    formats: [normaliseFormat(o.format)],
  }));
  return {
    id: user.id ?? "default",
    ids: user.ids,
    nameTemplate,
    formats: [normaliseFormat(user.format ?? "tar.gz")],
    formatOverrides: overrides ?? [{ goos: "windows", formats: ["zip"] }],
    files: user.files === undefined ? [{ kind: "docs" }] : user.files.map((f) => resolveFile(f, false)),
    wrap: wrapTemplate(user.wrap_in_directory ?? true, nameTemplate),
    wrapEntry: true,
    stripBinaryDirectory: false,
    allowDifferentBinaryCount: user.allow_different_binary_count ?? false,
    buildsInfo: noFileInfo,
  };
}

export function resolveFile(
  file: UserFile,
  optional: boolean,
  info: ResolvedFileInfo = noFileInfo,
): ResolvedFile {
  if (typeof file === "string")
    return { kind: "glob", src: file, dst: "", stripParent: false, optional, info };
  return {
    kind: "glob",
    src: file.src,
    dst: file.dst ?? "",
    stripParent: file.strip_parent ?? false,
    optional,
    info,
  };
}

/** `true` wraps in a folder named like the archive, `false` in none, a string is its own template. */
export function wrapTemplate(value: boolean | string, nameTemplate: string): string {
  if (value === true || value === "true") return nameTemplate;
  if (value === false || value === "false") return "";
  return value;
}

export function normaliseFormat(format: string): ArchiveFormatName {
  return format === "tgz" ? "tar.gz" : (format as ArchiveFormatName);
}

/** The formats of one target: the first override whose goos prefixes the target's os, else the default. */
export function formatsFor(archive: ResolvedArchive, goos: string): readonly ArchiveFormatName[] {
  return archive.formatOverrides.find((o) => goos.startsWith(o.goos))?.formats ?? archive.formats;
}

/**
 * GoReleaser refuses an archive whose targets would hold different numbers of binaries (users of
 * one platform would get fewer tools), unless allow_different_binary_count is set; so does goship.
 */
export function checkBinaryCounts(
  archives: readonly ResolvedArchive[],
  builds: readonly ResolvedBuild[],
  targets: readonly Target[],
): void {
  for (const [index, archive] of archives.entries()) {
    if (archive.allowDifferentBinaryCount || archive.formats.includes("binary")) continue;
    const counts = new Map<string, number>();
    for (const target of targets) {
      const id = formatTarget(target);
      const count = builds
        .filter((b) => archive.ids === undefined || archive.ids.includes(b.id))
        .filter((b) => b.targets.some((t) => formatTarget(t) === id))
        .reduce((n, b) => n + b.mains.length, 0);
      if (count > 0) counts.set(id, count);
    }
    if (new Set(counts.values()).size > 1) {
      const detail = [...counts].map(([t, n]) => `${t}: ${n}`).join(", ");
      throw new ReleaseError(
        `archives[${index}] would hold a different number of binaries per target (${detail}); give each build its own archive with ids, or set allow_different_binary_count: true`,
      );
    }
  }
}
