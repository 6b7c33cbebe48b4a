// A bounds-checked reader of ustar, PAX and GNU tar archives, gzipped or not, entirely in memory.

import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import {
  ARCHIVE_LIMITS,
  type ArchiveListing,
  type EntryType,
  MalformedArchiveError,
  type ReadEntry,
} from "./entry.js";

const gunzipAsync = promisify(gunzip);
const BLOCK = 512;

export async function readTarGz(bytes: Uint8Array): Promise<ArchiveListing> {
  let tar: Buffer;
  try {
    tar = await gunzipAsync(bytes, { maxOutputLength: ARCHIVE_LIMITS.bytes });
  } catch (error) {
    throw new MalformedArchiveError(`gzip: ${(error as Error).message}`);
  }
  return { format: "tar.gz", entries: readTar(tar) };
}

interface Pending {
  pax: Map<string, string>;
  longName?: string;
  longLink?: string;
}

export function readTar(tar: Uint8Array): ReadEntry[] {
  const buf = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength);
  const entries: ReadEntry[] = [];
  let pending: Pending = { pax: new Map() };
  let offset = 0;
  while (offset + BLOCK <= buf.length) {
    const header = buf.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    checkChecksum(header, offset);
    const typeflag = String.fromCharCode(header[156] ?? 0);
    const size = numeric(header, 124, 12, "size");
    const dataStart = offset + BLOCK;
    if (size > ARCHIVE_LIMITS.bytes || dataStart + size > buf.length) {
      throw new MalformedArchiveError(`entry at ${offset} claims ${size} bytes past the end`);
    }
    const data = buf.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === "x" || typeflag === "g") {
      if (typeflag === "x") for (const [k, v] of parsePax(data)) pending.pax.set(k, v);
      continue;
    }
    if (typeflag === "L" || typeflag === "K") {
      const text = cstring(data, 0, data.length);
      if (typeflag === "L") pending.longName = text;
      else pending.longLink = text;
      continue;
    }
    if (entries.length >= ARCHIVE_LIMITS.entries) throw new MalformedArchiveError("too many entries");
    entries.push(entryOf(header, typeflag, data, pending));
    pending = { pax: new Map() };
  }
  throw new MalformedArchiveError("missing end-of-archive blocks");
}

function entryOf(header: Buffer, typeflag: string, data: Buffer, pending: Pending): ReadEntry {
  const { pax } = pending;
  const ustar = header.toString("latin1", 257, 262) === "ustar";
  const prefix = ustar ? cstring(header, 345, 155) : "";
  const rawName =
    pending.longName ?? (prefix ? `${prefix}/${cstring(header, 0, 100)}` : cstring(header, 0, 100));
  const fullName = pax.get("path") ?? rawName;
  const type = typeOf(typeflag, fullName);
  // ustar marks directories with a trailing slash; report every format's names the same way.
  const name = type === "dir" ? fullName.replace(/\/+$/, "") : fullName;
  const paxNumber = (key: string, fallback: number) => (pax.has(key) ? Number(pax.get(key)) : fallback);
  return {
    name,
    type,
    mode: numeric(header, 100, 8, "mode") & 0o7777,
    uid: paxNumber("uid", numeric(header, 108, 8, "uid")),
    gid: paxNumber("gid", numeric(header, 116, 8, "gid")),
    uname: pax.get("uname") ?? (ustar ? cstring(header, 265, 32) : ""),
    gname: pax.get("gname") ?? (ustar ? cstring(header, 297, 32) : ""),
    mtime: paxNumber("mtime", numeric(header, 136, 12, "mtime")),
    size: data.length,
    linkname: pax.get("linkpath") ?? pending.longLink ?? cstring(header, 157, 100),
    data,
    extras: [...pax.keys()].map((k) => `pax:${k}`),
  };
}

function typeOf(typeflag: string, name: string): EntryType {
  if (typeflag === "0" || typeflag === "\0" || typeflag === "7") return name.endsWith("/") ? "dir" : "file";
  if (typeflag === "5") return "dir";
  if (typeflag === "2") return "symlink";
  if (typeflag === "1") return "hardlink";
  return "other";
}

function checkChecksum(header: Buffer, offset: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  const stored = numeric(header, 148, 8, "checksum");
  if (stored !== sum) throw new MalformedArchiveError(`bad header checksum at offset ${offset}`);
}

/** An octal field, or GNU base-256 when the high bit of the first byte is set. */
function numeric(header: Buffer, start: number, width: number, field: string): number {
  const first = header[start]!;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let i = 1; i < width; i++) value = value * 256 + header[start + i]!;
    if (!Number.isSafeInteger(value)) throw new MalformedArchiveError(`${field} out of range`);
    return value;
  }
  const text = header
    .toString("latin1", start, start + width)
    .replace(/[\0 ]+$/, "")
    .replace(/^ +/, "");
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new MalformedArchiveError(`${field} is not octal`);
  return Number.parseInt(text, 8);
}

function cstring(buf: Uint8Array, start: number, max: number): string {
  const end = Math.min(buf.length, start + max);
  let stop = start;
  while (stop < end && buf[stop] !== 0) stop++;
  return Buffer.from(buf.buffer, buf.byteOffset + start, stop - start).toString("utf8");
}

/** PAX records: "<len> <key>=<value>\n", len counting the whole record. */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) throw new MalformedArchiveError("PAX record without length");
    const length = Number(data.toString("latin1", offset, space));
    if (!Number.isInteger(length) || length <= space - offset || offset + length > data.length) {
      throw new MalformedArchiveError("PAX record length out of range");
    }
    const record = data.toString("utf8", space + 1, offset + length - 1);
    const eq = record.indexOf("=");
    if (eq < 0) throw new MalformedArchiveError("PAX record without '='");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}
