// Finds and decodes the Go build-info blob exactly as debug/buildinfo does (both blob formats).
import { latin1 } from "./byte-source.js";
import { MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
import type { ParsedImage } from "./image.js";

const MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
const ALIGN = 16;
const HEADER_SIZE = 32;
const SEARCH_CHUNK = 1024 * 1024;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE = 2;
/** Go's modinfo is kilobytes; a length past this is a corrupt varint, not a real blob. */
const MAX_STRING = 16 * 1024 * 1024;

/** The two strings the linker embeds: the toolchain version and the framed modinfo. */
export interface RawBuildInfo {
  /** Byte string (one char per byte). */
  readonly goVersion: string;
  /** Byte string without its 16-byte sentinels; "" for a binary built without modules. */
  readonly modinfo: string;
}

/** Up to `size` bytes at virtual address `addr`, never past the end of its segment or section. */
async function readData(image: ParsedImage, addr: number, size: number): Promise<Uint8Array | undefined> {
  const mapped = image.map(addr);
  if (mapped === undefined) return undefined;
  const length = Math.min(size, mapped.remaining);
  return image.source.read(mapped.offset, length, "build info");
}

/** The address of the first 16-aligned magic in [start, start+size) (searchMagic). */
async function searchMagic(image: ParsedImage, start: number, size: number): Promise<number> {
  const end = start + size;
  if (!Number.isSafeInteger(end)) throw new MalformedBinaryError("build info range overflows");
  let at = Math.ceil(start / ALIGN) * ALIGN;
  while (at < end) {
    const remaining = end - at;
    const chunk = await readData(image, at, Math.min(SEARCH_CHUNK, remaining));
    if (chunk === undefined)
      throw new NotAGoBinaryError("not a Go executable (data segment is not in the file)");
    if (chunk.length === 0) break;
    const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    for (;;) {
      const i = data.indexOf(MAGIC, from);
      if (i < 0) break;
      if (remaining - i < HEADER_SIZE) throw new NotAGoBinaryError();
      if (i % ALIGN === 0) return at + i;
      // A misaligned hit is some other data; the real blob is 16-aligned by the linker.
      from = Math.ceil(i / ALIGN) * ALIGN;
      if (from > data.length) throw new NotAGoBinaryError();
    }
    at += Math.min(SEARCH_CHUNK, remaining);
  }
  throw new NotAGoBinaryError();
}

function readUvarint(bytes: Uint8Array): [number, number] {
  let value = 0;
  for (let i = 0; i < bytes.length && i < 10; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return [value, i + 1];
  }
  return [0, 0];
}

/** A uvarint length then that many bytes (the Go ≥ 1.18 inline format). */
async function decodeString(image: ParsedImage, addr: number): Promise<[string, number]> {
  const head = await readData(image, addr, 10);
  if (head === undefined) throw new MalformedBinaryError("build info string is not in the file");
  const [length, n] = readUvarint(head);
  if (n === 0) throw new NotAGoBinaryError();
  if (length > MAX_STRING) throw new MalformedBinaryError(`build info string length ${length}`);
  const body = await readData(image, addr + n, length);
  if (body === undefined || body.length < length)
    throw new MalformedBinaryError("build info string is truncated");
  return [latin1(body), addr + n + length];
}

/** A Go string header {data, len} at `addr`, followed to its bytes (the pre-1.18 pointer format). */
async function readPointedString(
  image: ParsedImage,
  ptrSize: number,
  big: boolean,
  addr: number,
): Promise<string> {
  // Like debug/buildinfo, any failure here yields "": an unreadable pointer means "no such string".
  try {
    const header = await readData(image, addr, 2 * ptrSize);
    if (header === undefined || header.length < 2 * ptrSize) return "";
    const dataAddr = readPointer(header, 0, ptrSize, big);
    const length = readPointer(header, ptrSize, ptrSize, big);
    if (length > MAX_STRING) return "";
    const data = await readData(image, dataAddr, length);
    return data === undefined || data.length < length ? "" : latin1(data);
  } catch (error) {
    if (error instanceof MalformedBinaryError) return "";
    throw error;
  }
}

function readPointer(bytes: Uint8Array, at: number, size: number, big: boolean): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, size);
  if (size === 4) return view.getUint32(0, !big);
  const high = view.getUint32(big ? 0 : 4, !big);
  const low = view.getUint32(big ? 4 : 0, !big);
  return high * 2 ** 32 + low;
}

/** Locates, decodes and unframes the build-info blob of one image. */
export async function readRawBuildInfo(image: ParsedImage): Promise<RawBuildInfo> {
  const { addr, size } = image.dataStart;
  if (size === 0) throw new NotAGoBinaryError();
  const at = await searchMagic(image, addr, size);
  const header = await readData(image, at, HEADER_SIZE);
  if (header === undefined || header.length < HEADER_SIZE) throw new NotAGoBinaryError();
  const flags = header[15]!;
  let goVersion: string;
  let modinfo: string;
  if ((flags & FLAG_INLINE) !== 0) {
    const [version, next] = await decodeString(image, at + HEADER_SIZE);
    goVersion = version;
    [modinfo] = await decodeString(image, next);
  } else {
    const ptrSize = header[14]!;
    if (ptrSize !== 4 && ptrSize !== 8) throw new NotAGoBinaryError();
    const big = (flags & FLAG_BIG_ENDIAN) !== 0;
    goVersion = await readPointedString(image, ptrSize, big, readPointer(header, 16, ptrSize, big));
    modinfo = await readPointedString(image, ptrSize, big, readPointer(header, 16 + ptrSize, ptrSize, big));
  }
  if (goVersion === "") throw new NotAGoBinaryError();
  // The sentinels themselves are never checked, only the length and the newline before the end one.
  const framed = modinfo.length >= 33 && modinfo[modinfo.length - 17] === "\n";
  return { goVersion, modinfo: framed ? modinfo.slice(16, -16) : "" };
}
