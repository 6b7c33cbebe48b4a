// Archive entries and options shared by the tar and zip writers, with the checks that keep them safe.
// Node built-ins only: byte-stable output is the guarantee no archive library gives us.

/** One file or directory to store in an archive. */
export interface ArchiveEntry {
  /** Posix path relative to the archive root: no leading "/", no "." or ".." segments, no trailing "/". */
  readonly path: string;
  readonly kind: "file" | "dir" | "symlink";
  /** Permission bits only, such as 0o755; file-type bits are added by the writers. */
  readonly mode: number;
  /** File content; required for files, absent for directories and links. */
  readonly data?: Uint8Array;
  /** A symlink's target, as stored; required for symlinks only. */
  readonly linkTarget?: string;
  /** Unix seconds for this entry alone (GoReleaser's `info.mtime`); else `options.mtime`. */
  readonly mtime?: number;
  /** tar user and group names (uid/gid stay 0, as GoReleaser's `info.owner`/`info.group` set them); else "root". */
  readonly owner?: string;
  readonly group?: string;
}

/** Settings that apply to every entry of one archive. */
export interface ArchiveOptions {
  /** Unix seconds written as the mtime of every entry: the commit time or SOURCE_DATE_EPOCH. */
  readonly mtime: number;
  /** Deflate level from 0 to 9. @default 6 */
  readonly level?: number;
  /**
   * `sorted`: entries in byte order of their paths (goship's archives). `given`: in the caller's
   * order, for an archive whose order is someone else's (a source archive in `git archive`'s order).
   * @default "sorted"
   */
  readonly order?: "sorted" | "given";
}

/**
 * Deflate level used when the options leave it out; pinned because it changes the compressed bytes.
 * 6 is zlib's and gzip's own default: on Go binaries level 9 made archives under 1% smaller for
 * about 0.4 s more CPU per 8 MB binary, the largest cost of a release after a small change.
 */
export const DEFAULT_LEVEL = 6;

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; archive headers store names as bytes, never as UTF-16. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Compares two strings by their UTF-8 bytes. `<` and `localeCompare` compare UTF-16 code units or
 * follow the locale, so the same names could be ordered differently from one host to the next.
 */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(utf8(a), utf8(b));
}

/** A copy of the entries sorted in byte order of their paths, whatever order they came in. */
export function sortEntries(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  return [...entries].sort((a, b) => compareUtf8(a.path, b.path));
}

/** Why a path is unsafe to extract, or undefined when it is fine. */
function pathProblem(path: string): string | undefined {
  if (path === "") return "it is empty";
  if (path.includes("\\")) return 'it contains a backslash; use "/" between segments';
  if (path.includes("\0")) return "it contains a NUL byte";
  // A lone surrogate has no UTF-8 form: it would be written as U+FFFD and could collide with another name.
  if (/\p{Cs}/u.test(path)) return "it is not valid Unicode (lone surrogate)";
  if (path.startsWith("/")) return "it is absolute; make it relative to the archive root";
  if (path.endsWith("/")) return 'it ends with "/"; write directories without a trailing slash';
  for (const segment of path.split("/")) {
    if (segment === "") return 'it contains an empty segment ("//")';
    if (segment === "..") return 'it contains a ".." segment, which would escape the extraction directory';
    if (segment === ".") return 'it contains a "." segment';
  }
  return undefined;
}

/**
 * Throws when an entry could escape the extraction directory, collide with another entry, or is
 * not well-formed. Both writers call it first, so a bad list never produces half an archive.
 */
export function validateEntries(entries: readonly ArchiveEntry[]): void {
  const kinds = new Map<string, ArchiveEntry["kind"]>();
  for (const entry of entries) {
    const quoted = JSON.stringify(entry.path);
    const problem = pathProblem(entry.path);
    if (problem !== undefined) throw new Error(`unsafe archive path ${quoted}: ${problem}`);
    if (kinds.has(entry.path)) throw new Error(`duplicate archive path ${quoted}: each path may appear once`);
    kinds.set(entry.path, entry.kind);
    if (!Number.isInteger(entry.mode) || entry.mode < 0) {
      throw new Error(`archive entry ${quoted} has mode ${entry.mode}; use permission bits such as 0o755`);
    }
    if (entry.kind === "file" && entry.data === undefined) {
      throw new Error(`archive file ${quoted} has no data`);
    }
    if (entry.kind !== "file" && entry.data !== undefined) {
      throw new Error(`archive ${entry.kind} ${quoted} has data; only files carry content`);
    }
    if ((entry.kind === "symlink") !== (entry.linkTarget !== undefined)) {
      throw new Error(
        `archive entry ${quoted}: a link target belongs to symlinks, and every symlink needs one`,
      );
    }
    if (entry.mtime !== undefined && (!Number.isInteger(entry.mtime) || entry.mtime < 0)) {
      throw new Error(
        `archive entry ${quoted} has mtime ${entry.mtime}; use whole seconds since 1970-01-01 UTC`,
      );
    }
    for (const name of [entry.owner, entry.group]) {
      if (name !== undefined && (name === "" || utf8(name).length > 31 || name.includes("\0"))) {
        throw new Error(
          `archive entry ${quoted}: owner and group names must be 1 to 31 bytes, got ${JSON.stringify(name)}`,
        );
      }
    }
  }
  // A file used as a parent directory cannot be extracted: "bin" as a file and "bin/app" both.
  for (const path of kinds.keys()) {
    for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
      const parent = path.slice(0, slash);
      const kind = kinds.get(parent);
      if (kind === "file" || kind === "symlink") {
        throw new Error(
          `archive path ${JSON.stringify(path)} is inside ${JSON.stringify(parent)}, which is a file`,
        );
      }
    }
  }
}

/** Throws unless the options can be written into both formats. */
export function validateOptions(options: ArchiveOptions): void {
  if (!Number.isInteger(options.mtime) || options.mtime < 0) {
    throw new Error(`archive mtime ${options.mtime} must be a whole number of seconds since 1970-01-01 UTC`);
  }
  const level = options.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new Error(`compression level ${level} must be a whole number from 0 to 9`);
  }
}

/** Validates entries and options, then returns the entries in the order every writer stores them. */
export function prepareEntries(entries: readonly ArchiveEntry[], options: ArchiveOptions): ArchiveEntry[] {
  validateOptions(options);
  validateEntries(entries);
  return options.order === "given" ? [...entries] : sortEntries(entries);
}
