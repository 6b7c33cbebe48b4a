// Build-machine paths left in a binary, found by streaming over its bytes in chunks. A leak is a
// path of the build itself — the module directory, GOROOT, GOPATH, the module cache, HOME, TMPDIR,
// goship's staging folder — or a path shaped like Go build input (`…/pkg/mod/…`, `…/main.go`).
// Text the program itself carries ("write to /tmp/out.json", a man page) is not a leak.
import type { ByteSource } from "./byte-source.js";
import { fromByteString } from "./go-string.js";

/** Where home and temp paths start on common systems; hits are kept only when they look built. */
export const LEAK_PREFIXES = ["/home/", "/Users/", "/root/", "/tmp/", "C:\\", "C:/"] as const;

/**
 * Directories too shared to be a leak by themselves (TMPDIR is often /tmp, which help texts name):
 * under them only build-shaped paths count.
 */
const SHARED_DIRS = new Set([
  "/",
  "/tmp",
  "/var/tmp",
  "/usr",
  "/usr/local",
  "/opt",
  "/home",
  "/root",
  "/var",
]);

const CHUNK = 4 * 1024 * 1024;
const MAX_PATH = 256;
const DEFAULT_MAX_HITS = 100;
const MAX_HITS_PER_CHUNK = 4096;

export interface LeakScanOptions {
  /** The directory the binary was built in; hits under it are reported too. */
  readonly buildDir?: string;
  /** Other paths of the build (GOROOT, GOPATH, HOME, TMPDIR, staging); any mention is a leak. */
  readonly buildPaths?: readonly string[];
  /** Stop after this many distinct paths. */
  readonly maxHits?: number;
}

// Bytes that can continue a path: letters, digits, separators and the punctuation file names
// commonly use, plus UTF-8 bytes so that non-ASCII user names are kept whole.
const PATH_BYTE = new Uint8Array(256);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/\\@+~,=:%") {
  PATH_BYTE[c.charCodeAt(0)] = 1;
}
for (let b = 0x80; b < 0x100; b++) PATH_BYTE[b] = 1;

// Where an embedded string can end: NUL (C strings, Go's file table), whitespace or a quote.
const END_BYTE = new Uint8Array(256);
for (const c of "\0\t\n\r \"'`") END_BYTE[c.charCodeAt(0)] = 1;

// A hit preceded by one of these is the tail of a longer relative path (".../tmp/x"), not absolute.
const WORD_BYTE = new Uint8Array(256);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/~@+\\") {
  WORD_BYTE[c.charCodeAt(0)] = 1;
}

/** Distinct absolute paths under the usual home/temp prefixes (and `buildDir`), in file order. */
export async function scanLeakedPaths(source: ByteSource, options: LeakScanOptions = {}): Promise<string[]> {
  const maxHits = options.maxHits ?? DEFAULT_MAX_HITS;
  const needles = LEAK_PREFIXES.map((p) => ({ bytes: Buffer.from(p, "latin1"), always: false }));
  for (const dir of [options.buildDir, ...(options.buildPaths ?? [])]) {
    const clean = dir?.replace(/[/\\]+$/, "");
    if (!clean || SHARED_DIRS.has(clean) || needles.some((n) => n.bytes.toString("utf8") === clean)) continue;
    needles.push({ bytes: Buffer.from(clean, "utf8"), always: true });
  }
  const seen = new Set<string>();
  for (let start = 0; start < source.size && seen.size < maxHits; start += CHUNK) {
    // One byte before the chunk decides whether a hit at its start is absolute; MAX_PATH bytes
    // after it let a path that crosses the boundary be read whole.
    const base = Math.max(0, start - 1);
    const bytes = await source.read(
      base,
      Math.min(start + CHUNK + MAX_PATH, source.size) - base,
      "binary contents",
    );
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const limit = start - base + CHUNK;
    const hits: [number, string][] = [];
    for (const needle of needles) {
      let count = 0;
      for (
        let i = chunk.indexOf(needle.bytes, start - base);
        i >= 0 && i < limit;
        i = chunk.indexOf(needle.bytes, i + 1)
      ) {
        if (i > 0 && WORD_BYTE[chunk[i - 1]!] === 1) continue;
        const [path, end] = extractPath(chunk, i);
        if (needle.always) {
          // The build path itself, or something under it; not a longer name that starts alike.
          const next = path[needle.bytes.length];
          if (next !== undefined && next !== "/" && next !== "\\") continue;
        } else if (!looksLikePath(path, needle.bytes.length, end) || !looksBuilt(path)) continue;
        hits.push([i, path]);
        // Hostile input can repeat a prefix millions of times; a few thousand hits say enough.
        if (++count >= MAX_HITS_PER_CHUNK) break;
      }
    }
    hits.sort((a, b) => a[0] - b[0]);
    for (const [, path] of hits) {
      if (seen.size >= maxHits) break;
      seen.add(path);
    }
  }
  return [...seen];
}

/**
 * Paths a Go build writes into a binary when -trimpath or cgo lets them through: source files,
 * the module cache, GOPATH sources, go build's work directory.
 */
function looksBuilt(path: string): boolean {
  return (
    /\.(go|s|c|h|cc|cpp|m)$/.test(path) ||
    /[/\\](pkg[/\\]mod|go[/\\]src|go-build\d*)([/\\]|$)/.test(path) ||
    /[/\\]\.goship-tmp-/.test(path)
  );
}

/**
 * Random bytes match a 3-byte prefix like "C:/" now and then; a real path goes on with a name.
 * Drive paths must continue with a letter (C:\\Users, C:\\go), be valid UTF-8 and end where a
 * string ends; the longer Unix prefixes only need a name character or separator after them.
 */
function looksLikePath(path: string, prefixLength: number, end: number | undefined): boolean {
  const next = path[prefixLength];
  if (next === undefined || path.length < prefixLength + 2) return false;
  if (path[1] !== ":") return /[\w.\-/\\]/.test(next);
  return /[A-Za-z]/.test(next) && (end === undefined || END_BYTE[end] === 1) && !/[\udc80-\udcff]/.test(path);
}

/** The path at `at` and the byte that ended it (undefined at the end of the data). */
function extractPath(chunk: Buffer, at: number): [string, number | undefined] {
  let end = at;
  const stop = Math.min(chunk.length, at + MAX_PATH);
  while (end < stop && PATH_BYTE[chunk[end]!] === 1) end++;
  return [fromByteString(chunk.toString("latin1", at, end)), chunk[end]];
}
