// Deterministic gzip and .tar.gz: a fixed 10-byte header whatever host or zlib build compressed the data.
// Node built-ins only: byte-stable output is the guarantee no archive library gives us.

import { promisify } from "node:util";
import { gzip as zlibGzip } from "node:zlib";
import { type ArchiveEntry, type ArchiveOptions, DEFAULT_LEVEL, validateOptions } from "./entry.js";
import { writeTar } from "./tar.js";

// The async form runs on libuv's thread pool, so other targets keep building while we compress.
const gzipAsync = promisify(zlibGzip);

/** RFC 1952 OS byte for Unix; zlib writes its compile-time OS_CODE, which differs between hosts. */
const OS_UNIX = 3;

/** The XFL byte zlib writes for a level: 2 for the slowest, 4 for the fastest, 0 otherwise. */
export function gzipExtraFlags(level: number): number {
  if (level === 9) return 2;
  return level < 2 ? 4 : 0;
}

/**
 * Rewrites a gzip header in place to `1f 8b 08 00 00000000 XFL 03`: MTIME 0, XFL from the level
 * and OS Unix, whatever the zlib build wrote. The header is not covered by the trailer's CRC, so
 * the member stays valid.
 */
export function pinGzipHeader(member: Buffer, level: number): Buffer {
  // Node never sets FNAME, FCOMMENT, FEXTRA or FHCRC; if a future zlib did, bytes 4..9 would not
  // be the fields we rewrite, so refuse rather than write a corrupt header.
  if (member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8 || member[3] !== 0) {
    throw new Error("unexpected gzip header (flags set or not deflate); cannot make it deterministic");
  }
  member.writeUInt32LE(0, 4);
  member[8] = gzipExtraFlags(level);
  member[9] = OS_UNIX;
  return member;
}

/** Compresses `data` into one gzip member with no file name (like `gzip -n`) and a pinned header. */
export async function gzip(data: Uint8Array, level: number = DEFAULT_LEVEL): Promise<Buffer> {
  validateOptions({ mtime: 0, level });
  return pinGzipHeader(await gzipAsync(data, { level }), level);
}

/** Writes the entries as a deterministic tar (see writeTar) and gzips it at `options.level`. */
export async function writeTarGz(entries: readonly ArchiveEntry[], options: ArchiveOptions): Promise<Buffer> {
  return gzip(writeTar(entries, options), options.level);
}
