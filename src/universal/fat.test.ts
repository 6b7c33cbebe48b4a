import { describe, expect, it } from "vitest";
import { readUniversalBinary, writeUniversalBinary } from "./fat.js";

/** A thin 64-bit Mach-O header (little-endian) for a CPU, padded to `size` bytes. */
function thin(cpuType: number, cpuSubtype: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfeedfacf, true);
  view.setUint32(4, cpuType, true);
  view.setUint32(8, cpuSubtype, true);
  bytes.fill(0xab, 32);
  return bytes;
}

describe("universal binaries", () => {
  const amd64 = thin(0x01000007, 3, 20_000);
  const arm64 = thin(0x0100000c, 0, 5_000);

  it("lays slices out as GoReleaser does: first at 2^14, each at the next 2^14 boundary, no tail padding", () => {
    const fat = writeUniversalBinary([amd64, arm64]);
    const view = new DataView(fat.buffer);
    expect(view.getUint32(0)).toBe(0xcafebabe);
    expect(view.getUint32(4)).toBe(2);
    // fat_arch: cputype, cpusubtype, offset, size, align (2^14)
    expect([0, 1, 2, 3, 4].map((i) => view.getUint32(8 + i * 4))).toEqual([0x01000007, 3, 16384, 20000, 14]);
    expect([0, 1, 2, 3, 4].map((i) => view.getUint32(28 + i * 4))).toEqual([0x0100000c, 0, 49152, 5000, 14]);
    expect(fat.byteLength).toBe(49152 + 5000);
    expect(fat.subarray(48, 16384).every((b) => b === 0)).toBe(true);
    expect(Buffer.from(fat.subarray(16384, 36384)).equals(Buffer.from(amd64))).toBe(true);
  });

  it("reads back every slice", () => {
    const fat = writeUniversalBinary([amd64, arm64]);
    const slices = readUniversalBinary(fat)!;
    expect(slices.map((s) => [s.cpuType, s.size])).toEqual([
      [0x01000007, 20000],
      [0x0100000c, 5000],
    ]);
    expect(readUniversalBinary(amd64)).toBeUndefined();
  });

  it("refuses what is not a thin 64-bit Mach-O", () => {
    expect(() => writeUniversalBinary([new Uint8Array(64)])).toThrow(/64-bit Mach-O/);
  });
});
