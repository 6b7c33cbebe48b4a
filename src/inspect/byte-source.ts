// Random-access, bounds-checked bytes: files are read by seeking, archive members from memory.
import { open } from "node:fs/promises";
import { MalformedBinaryError } from "./errors.js";

/** The largest single read a reader may ask for; bigger requests are treated as corrupt fields. */
export const MAX_READ = 64 * 1024 * 1024;

/** Bytes that can be read at any offset without loading the whole thing. */
export interface ByteSource {
  readonly size: number;
  /**
   * Exactly `length` bytes at `offset`. A range outside the source throws `MalformedBinaryError`
   * naming `what`. The result may share memory with the source: treat it as read-only.
   */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

function checkRange(size: number, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new MalformedBinaryError(`${what} has an impossible offset or size`);
  }
  if (length > MAX_READ) throw new MalformedBinaryError(`${what} is implausibly large (${length} bytes)`);
  if (offset + length > size) throw new MalformedBinaryError(`${what} lies beyond the end of the file`);
}

/** A source over bytes already in memory (for example a file inside an archive). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    async read(offset, length, what) {
      checkRange(bytes.length, offset, length, what);
      return bytes.subarray(offset, offset + length);
    },
    async close() {},
  };
}

/** A source that seeks in a file; only the bytes asked for are ever read. */
export async function openFileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length, what) {
        checkRange(size, offset, length, what);
        const buffer = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
          // The file shrank while being read: the header promised bytes that are gone.
          if (bytesRead === 0) throw new MalformedBinaryError(`${what} lies beyond the end of the file`);
          done += bytesRead;
        }
        return buffer;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A window of another source, as a Mach-O universal file holds each architecture. */
export function sliceSource(source: ByteSource, start: number, length: number, what: string): ByteSource {
  checkRange(source.size, start, 0, what);
  if (!Number.isSafeInteger(length) || length < 0 || start + length > source.size) {
    throw new MalformedBinaryError(`${what} lies beyond the end of the file`);
  }
  return {
    size: length,
    read(offset, count, inner) {
      checkRange(length, offset, count, inner);
      return source.read(start + offset, count, inner);
    },
    async close() {},
  };
}

/** Up to `length` bytes at `offset`, fewer when the source ends first. */
export function readUpTo(
  source: ByteSource,
  offset: number,
  length: number,
  what: string,
): Promise<Uint8Array> {
  const available = Math.max(0, Math.min(length, source.size - offset));
  return source.read(offset, available, what);
}

/** Fixed-width fields out of a header buffer, with the buffer's length as the bound. */
export class FieldReader {
  readonly bytes: Uint8Array;
  readonly littleEndian: boolean;
  private readonly what: string;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, littleEndian: boolean, what: string) {
    this.bytes = bytes;
    this.littleEndian = littleEndian;
    this.what = what;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private check(offset: number, width: number): void {
    if (offset < 0 || offset + width > this.bytes.length) {
      throw new MalformedBinaryError(`${this.what} is truncated`);
    }
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, this.littleEndian);
  }

  /** 64-bit fields become numbers: values past 2^53 lose precision but still fail every bounds check. */
  u64(offset: number): number {
    this.check(offset, 8);
    const high = this.view.getUint32(offset + (this.littleEndian ? 4 : 0), this.littleEndian);
    const low = this.view.getUint32(offset + (this.littleEndian ? 0 : 4), this.littleEndian);
    return high * 2 ** 32 + low;
  }

  /** A pointer-sized field. */
  word(offset: number, is64: boolean): number {
    return is64 ? this.u64(offset) : this.u32(offset);
  }
}

/** Bytes up to the first NUL (or the end), as a byte string: one char per byte. */
export function cString(bytes: Uint8Array, start = 0, max = bytes.length - start): string {
  const end = Math.min(bytes.length, start + Math.max(0, max));
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return latin1(bytes.subarray(start, stop));
}

/** One char per byte, so offsets in the string are offsets in the bytes. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
