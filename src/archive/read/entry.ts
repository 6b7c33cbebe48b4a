// What the archive readers report: every entry with its header fields, for inspection, verification
// and diagnosis. Readers are bounds-checked and fail only with MalformedArchiveError.
import { ReleaseError } from "../../errors.js";

export type EntryType = "file" | "dir" | "symlink" | "hardlink" | "other";

export interface ReadEntry {
  readonly name: string;
  readonly type: EntryType;
  /** Permission bits (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  /** Unix seconds (zip: the DOS time read as UTC, as goship writes it). */
  readonly mtime: number;
  readonly size: number;
  readonly linkname: string;
  readonly data: Uint8Array;
  /** Header details that carry metadata beyond the fields above: PAX keys, zip extra-field ids. */
  readonly extras: readonly string[];
}

export interface ArchiveListing {
  readonly format: "tar.gz" | "tar" | "zip";
  readonly entries: readonly ReadEntry[];
}

export class MalformedArchiveError extends ReleaseError {
  constructor(what: string) {
    super(`malformed archive: ${what}`);
  }
}

/** Caps that keep a hostile archive from taking unbounded time or memory. */
export const ARCHIVE_LIMITS = {
  entries: 100_000,
  /** Largest uncompressed archive or entry we read into memory. */
  bytes: 1024 * 1024 * 1024,
} as const;

/** True when extracting `name` (a `linkname` when `base` is given) stays inside the target folder. */
export function staysInside(name: string, base = ""): boolean {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || name.includes("\\")) return false;
  const parts = [...(base ? base.split("/").slice(0, -1) : []), ...name.split("/")];
  let depth = 0;
  for (const part of parts) {
    if (part === "..") depth--;
    else if (part !== "" && part !== ".") depth++;
    if (depth < 0) return false;
  }
  return true;
}
