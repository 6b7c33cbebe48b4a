// Deterministic ustar writer: same entries and mtime in, same bytes out, on any host.
// Node built-ins only: byte-stable output is the guarantee no archive library gives us.

import { type ArchiveEntry, type ArchiveOptions, prepareEntries, utf8 } from "./entry.js";

const BLOCK = 512;
/** GNU tar's default record (blocking factor 20); padding to it keeps our output shaped like GNU tar's. */
const RECORD = 20 * BLOCK;
const NAME_MAX = 100;
const PREFIX_MAX = 155;
/** Largest value of an 11-digit octal field (size, mtime): 8 GiB - 1 and the year 2242. */
const OCTAL_11_MAX = 0o77777777777;

const TYPEFLAG = { file: "0", symlink: "2", dir: "5", pax: "x" } as const;

interface HeaderFields {
  readonly name: Uint8Array;
  readonly prefix: Uint8Array;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly type: (typeof TYPEFLAG)[keyof typeof TYPEFLAG];
  readonly linkname?: Uint8Array;
  readonly uname?: string;
  readonly gname?: string;
}

/** Zero-padded octal digits followed by a NUL, filling a field of `width` bytes as ustar expects. */
function octal(value: number, width: number, field: string): Uint8Array {
  const digits = value.toString(8);
  if (digits.length > width - 1) {
    throw new Error(`tar ${field} ${value} does not fit in a ${width}-byte ustar field`);
  }
  return utf8(`${digits.padStart(width - 1, "0")}\0`);
}

/**
 * One 512-byte header. uid/gid are 0 and uname/gname "root" (or the names the config gives) so
 * that nothing about the machine or the user who ran the release leaks in. devmajor/devminor stay empty (NUL): they only mean
 * something for device files, which goship never writes.
 */
function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.set(fields.name, 0);
  block.set(octal(fields.mode & 0o7777, 8, "mode"), 100);
  block.set(octal(0, 8, "uid"), 108);
  block.set(octal(0, 8, "gid"), 116);
  block.set(octal(fields.size, 12, "size"), 124);
  block.set(octal(fields.mtime, 12, "mtime"), 136);
  block.write(fields.type, 156, "latin1");
  if (fields.linkname) block.set(fields.linkname, 157);
  block.write("ustar\0", 257, "latin1");
  block.write("00", 263, "latin1");
  block.set(utf8(fields.uname ?? "root"), 265);
  block.set(utf8(fields.gname ?? "root"), 297);
  block.set(fields.prefix, 345);
  // The checksum is computed with its own field read as eight spaces, then stored as 6 digits, NUL, space.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

/**
 * Splits a name too long for the 100-byte field at a "/" so that the head fits the 155-byte
 * prefix field. Taking the longest head that fits leaves the shortest tail, so when this returns
 * undefined no split would have worked.
 */
export function splitUstarName(name: Uint8Array): { prefix: Uint8Array; name: Uint8Array } | undefined {
  if (name.length <= NAME_MAX) return { prefix: new Uint8Array(0), name };
  const slash = name.lastIndexOf(0x2f, PREFIX_MAX);
  if (slash <= 0) return undefined;
  const tail = name.subarray(slash + 1);
  if (tail.length === 0 || tail.length > NAME_MAX) return undefined;
  return { prefix: name.subarray(0, slash), name: tail };
}

/** The first `max` bytes of a UTF-8 string, shortened so that no character is cut in half. */
function truncateUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** A PAX record "<len> <key>=<value>\n", where <len> counts the whole record including its own digits. */
function paxRecord(key: string, value: Uint8Array): Buffer {
  const body = Buffer.concat([utf8(` ${key}=`), value, utf8("\n")]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([utf8(String(length)), body]);
}

// Uint8Array chunks rather than Buffer copies: a binary's bytes are copied once, by the final concat.
function padToBlock(data: Uint8Array): Uint8Array[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [data] : [data, Buffer.alloc(BLOCK - rest)];
}

function entryBlocks(entry: ArchiveEntry, defaultMtime: number): Uint8Array[] {
  const mtime = entry.mtime ?? defaultMtime;
  if (mtime > OCTAL_11_MAX) {
    throw new Error(`archive mtime ${mtime} is later than ustar can store (year 2242)`);
  }
  const linkname = entry.linkTarget === undefined ? undefined : utf8(entry.linkTarget);
  if (linkname && linkname.length > NAME_MAX) {
    throw new Error(`symlink ${JSON.stringify(entry.path)} points to a target longer than ustar's 100 bytes`);
  }
  // ustar marks a directory by a trailing slash on its name as well as by its typeflag.
  const fullName = utf8(entry.kind === "dir" ? `${entry.path}/` : entry.path);
  const data = entry.data ?? new Uint8Array(0);
  if (data.length > OCTAL_11_MAX) {
    throw new Error(`tar entry ${JSON.stringify(entry.path)} is larger than ustar allows (8 GiB)`);
  }
  const blocks: Uint8Array[] = [];
  let split = splitUstarName(fullName);
  if (split === undefined) {
    // Only `path` goes into the PAX header: no atime/ctime, nothing that changes between runs. Its
    // own name is derived from the entry (GNU tar's default embeds the process ID).
    const record = paxRecord("path", fullName);
    const base = entry.path.slice(entry.path.lastIndexOf("/") + 1);
    const paxName = truncateUtf8(utf8(`PaxHeaders/${base}`), NAME_MAX);
    blocks.push(
      header({
        name: paxName,
        prefix: new Uint8Array(0),
        mode: 0o644,
        size: record.length,
        mtime,
        type: "x",
      }),
      ...padToBlock(record),
    );
    // Readers without PAX support still get a usable, if shortened, name.
    split = { prefix: new Uint8Array(0), name: truncateUtf8(fullName, NAME_MAX) };
  }
  blocks.push(
    header({
      ...split,
      mode: entry.mode,
      size: data.length,
      mtime,
      type: TYPEFLAG[entry.kind],
      linkname,
      uname: entry.owner,
      gname: entry.group,
    }),
    ...(data.length > 0 ? padToBlock(data) : []),
  );
  return blocks;
}

/**
 * Writes a ustar archive of the entries, sorted by path in byte order (or in the given order).
 * Every entry gets its own mtime or `options.mtime`, uid/gid 0, its owner and group names or
 * "root", and its mode masked to 0o7777. The archive ends with
 * two zero blocks and is padded with zeros to a multiple of 10240 bytes, as GNU tar does.
 */
export function writeTar(entries: readonly ArchiveEntry[], options: ArchiveOptions): Buffer {
  const sorted = prepareEntries(entries, options);
  if (options.mtime > OCTAL_11_MAX) {
    throw new Error(`archive mtime ${options.mtime} is later than ustar can store (year 2242)`);
  }
  const blocks = sorted.flatMap((entry) => entryBlocks(entry, options.mtime));
  const length = blocks.reduce((total, block) => total + block.length, 0) + 2 * BLOCK;
  const padded = Math.ceil(length / RECORD) * RECORD;
  return Buffer.concat([...blocks, Buffer.alloc(padded - length + 2 * BLOCK)], padded);
}
