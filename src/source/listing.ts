// The entries of a source archive, pure: `git archive`'s entries in its order (tree order, folders
// before their contents), then the extra files in GoReleaser's order, each under the prefix.
import path from "node:path";
import type { ArchiveEntry } from "../archive/formats/entry.js";
import type { ReadEntry } from "../archive/read/index.js";
import { SourceArchiveError } from "./errors.js";

/** An extra file to append: its path inside the archive (before the prefix), bytes, mode and `info`. */
export interface ExtraSourceFile {
  readonly destination: string;
  readonly data: Uint8Array;
  readonly mode: number;
  readonly owner?: string;
  readonly group?: string;
  readonly mtime?: number;
}

/**
 * `git archive`'s tar entries as archive entries, with their own modes and times (git writes the
 * commit time, modes 0664/0775 under tar.umask 0002, owner root). Anything but files, folders and
 * symlinks (a submodule's gitlink has no entry) is refused.
 */
export function entriesFromGitTar(read: readonly ReadEntry[]): ArchiveEntry[] {
  return read.map((e) => {
    const common = { path: e.name, mode: e.mode, mtime: e.mtime };
    if (e.type === "dir") return { ...common, kind: "dir" };
    if (e.type === "file") return { ...common, kind: "file", data: e.data };
    if (e.type === "symlink") return { ...common, kind: "symlink", linkTarget: e.linkname };
    throw new SourceArchiveError(
      `git archive wrote ${JSON.stringify(e.name)} as a ${e.type}, which goship cannot store`,
    );
  });
}

/**
 * The archive's entries: git's, then the extra files under the prefix, in the order given (sorted by
 * destination, as GoReleaser evaluates them). A destination git already wrote is an error, as in
 * GoReleaser ("file already exists").
 */
export function sourceEntries(
  gitEntries: readonly ArchiveEntry[],
  extras: readonly ExtraSourceFile[],
  prefix: string,
): ArchiveEntry[] {
  const taken = new Set(gitEntries.map((e) => e.path));
  const out = [...gitEntries];
  for (const extra of extras) {
    const at = path.posix.join(prefix, extra.destination);
    if (taken.has(at))
      throw new SourceArchiveError(
        `source.files: ${at} is already in the source archive (a tracked file); give it another dst`,
      );
    taken.add(at);
    const { destination: _, ...fields } = extra;
    out.push({ ...fields, path: at, kind: "file" });
  }
  return out;
}
