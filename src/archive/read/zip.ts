// A bounds-checked zip reader: the central directory, each local header, inflated and CRC-checked.

import { promisify } from "node:util";
import { crc32, inflateRaw } from "node:zlib";
import { ARCHIVE_LIMITS, type ArchiveListing, MalformedArchiveError, type ReadEntry } from "./entry.js";

const inflateAsync = promisify(inflateRaw);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;

export async function readZip(bytes: Uint8Array): Promise<ArchiveListing> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(buf);
  const count = u16(buf, eocd + 10);
  const cdSize = u32(buf, eocd + 12);
  const cdOffset = u32(buf, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new MalformedArchiveError("zip64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw new MalformedArchiveError("central directory out of range");
  const entries: ReadEntry[] = [];
  let offset = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(buf, offset) !== CENTRAL) throw new MalformedArchiveError(`bad central header ${i}`);
    const madeBy = u16(buf, offset + 4);
    const method = u16(buf, offset + 10);
    const dosTime = u16(buf, offset + 12);
    const dosDate = u16(buf, offset + 14);
    const crc = u32(buf, offset + 16);
    const compressed = u32(buf, offset + 20);
    const size = u32(buf, offset + 24);
    const nameLength = u16(buf, offset + 28);
    const extraLength = u16(buf, offset + 30);
    const commentLength = u16(buf, offset + 32);
    const external = u32(buf, offset + 38);
    const localOffset = u32(buf, offset + 42);
    const name = text(buf, offset + 46, nameLength);
    const extras = extraIds(buf, offset + 46 + nameLength, extraLength).map(
      (id) => `zip-extra:0x${id.toString(16).padStart(4, "0")}`,
    );
    offset += 46 + nameLength + extraLength + commentLength;
    const data = await entryData(buf, localOffset, method, compressed, size, crc, name);
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    const isDir = (unixMode & S_IFMT) === 0o040000 || name.endsWith("/") || (external & 0x10) !== 0;
    const isLink = (unixMode & S_IFMT) === 0o120000;
    entries.push({
      name: isDir ? name.replace(/\/$/, "") : name,
      type: isDir ? "dir" : isLink ? "symlink" : "file",
      mode: unixMode & 0o7777,
      uid: 0,
      gid: 0,
      uname: "",
      gname: "",
      mtime: dosToUnix(dosDate, dosTime),
      size: data.length,
      linkname: isLink ? Buffer.from(data).toString("utf8") : "",
      data,
      extras,
    });
  }
  return { format: "zip", entries };
}

async function entryData(
  buf: Buffer,
  offset: number,
  method: number,
  compressed: number,
  size: number,
  crc: number,
  name: string,
): Promise<Buffer> {
  if (u32(buf, offset) !== LOCAL) throw new MalformedArchiveError(`bad local header for ${name}`);
  const start = offset + 30 + u16(buf, offset + 26) + u16(buf, offset + 28);
  if (start + compressed > buf.length) throw new MalformedArchiveError(`data of ${name} past the end`);
  if (size > ARCHIVE_LIMITS.bytes) throw new MalformedArchiveError(`${name} is too large`);
  const raw = buf.subarray(start, start + compressed);
  let data: Buffer;
  if (method === 0) data = raw;
  else if (method === 8) {
    try {
      data = await inflateAsync(raw, { maxOutputLength: Math.max(1, size) });
    } catch (error) {
      throw new MalformedArchiveError(`deflate data of ${name}: ${(error as Error).message}`);
    }
  } else throw new MalformedArchiveError(`unsupported compression method ${method} for ${name}`);
  if (data.length !== size) throw new MalformedArchiveError(`size of ${name} does not match its header`);
  if (crc32(data) >>> 0 !== crc) throw new MalformedArchiveError(`CRC of ${name} does not match`);
  return data;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new MalformedArchiveError("no end of central directory record");
}

function extraIds(buf: Buffer, start: number, length: number): number[] {
  const ids: number[] = [];
  let offset = start;
  while (offset + 4 <= start + length) {
    ids.push(u16(buf, offset));
    offset += 4 + u16(buf, offset + 2);
  }
  return ids;
}

/** DOS date and time as goship writes them: UTC, two-second resolution. */
export function dosToUnix(date: number, time: number): number {
  const year = 1980 + (date >> 9);
  const month = ((date >> 5) & 0xf) - 1;
  const day = date & 0x1f;
  return Date.UTC(year, month, day, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2) / 1000;
}

function u16(buf: Buffer, offset: number): number {
  if (offset < 0 || offset + 2 > buf.length) throw new MalformedArchiveError("field past the end");
  return buf.readUInt16LE(offset);
}

function u32(buf: Buffer, offset: number): number {
  if (offset < 0 || offset + 4 > buf.length) throw new MalformedArchiveError("field past the end");
  return buf.readUInt32LE(offset);
}

function text(buf: Buffer, offset: number, length: number): string {
  if (offset + length > buf.length) throw new MalformedArchiveError("name past the end");
  return buf.toString("utf8", offset, offset + length);
}
