// The Mach-O universal ("fat") file format: slices of the same program for several CPUs behind a
// big-endian header. Written here byte for byte as GoReleaser writes it (no lipo): the first slice
// at 2^14, each next one at the following 2^14 boundary, no padding after the last.
import { ReleaseError } from "../errors.js";

const fatMagic = 0xcafebabe;
/** amd64 needs 2^12 alignment and arm64 2^14; one alignment for all slices, the larger. */
const alignBits = 14;
const align = 2 ** alignBits;

export const cpuTypes: Readonly<Record<number, string>> = { 16777223: "amd64", 16777228: "arm64" };

export interface FatSlice {
  readonly cpuType: number;
  readonly cpuSubtype: number;
  readonly offset: number;
  readonly size: number;
  readonly align: number;
  readonly data: Uint8Array;
}

export class NotAThinMachoError extends ReleaseError {}

/** Joins thin 64-bit Mach-O files, in the given order, into one universal binary. */
export function writeUniversalBinary(inputs: readonly Uint8Array[]): Uint8Array {
  let offset = align;
  const slices = inputs.map((data) => {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (data.byteLength < 12 || view.getUint32(0, true) !== 0xfeedfacf)
      throw new NotAThinMachoError("a universal binary joins 64-bit Mach-O binaries (darwin builds) only");
    const slice = { cpuType: view.getUint32(4, true), cpuSubtype: view.getUint32(8, true), offset, data };
    offset = Math.ceil((offset + data.byteLength) / align) * align;
    return slice;
  });
  const last = slices.at(-1);
  const total = last ? last.offset + last.data.byteLength : 8;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, fatMagic);
  view.setUint32(4, slices.length);
  slices.forEach((slice, i) => {
    const at = 8 + i * 20;
    view.setUint32(at, slice.cpuType);
    view.setUint32(at + 4, slice.cpuSubtype);
    view.setUint32(at + 8, slice.offset);
    view.setUint32(at + 12, slice.data.byteLength);
    view.setUint32(at + 16, alignBits);
    out.set(slice.data, slice.offset);
  });
  return out;
}

/** The slices of a universal binary, in header order; undefined when it is not one. */
export function readUniversalBinary(bytes: Uint8Array): FatSlice[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0) !== fatMagic) return undefined;
  const count = view.getUint32(4);
  if (count === 0 || count > 20 || 8 + count * 20 > bytes.byteLength) return undefined;
  const slices: FatSlice[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 20;
    const offset = view.getUint32(at + 8);
    const size = view.getUint32(at + 12);
    if (offset + size > bytes.byteLength) return undefined;
    slices.push({
      cpuType: view.getUint32(at),
      cpuSubtype: view.getUint32(at + 4),
      offset,
      size,
      align: view.getUint32(at + 16),
      data: bytes.subarray(offset, offset + size),
    });
  }
  return slices;
}
