import { describe, expect, it } from "vitest";
import { glibcFloor } from "./elf-linkage.js";
import { MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
import { formatGoVersionM } from "./go-version.js";
import { readBinary, readBuildInfo } from "./read-binary.js";

interface Segment {
  type: number;
  flags: number;
  vaddr: number;
  data: Uint8Array;
}

/** A minimal ELF executable with program headers only (no section headers). */
function makeElf(is64: boolean, little: boolean, segments: Segment[]): Uint8Array {
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  let offset = ehsize + phentsize * segments.length;
  const placed = segments.map((s) => {
    offset = Math.ceil(offset / 16) * 16;
    const at = offset;
    offset += s.data.length;
    return { ...s, at };
  });
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  const word = (at: number, value: number) =>
    is64 ? view.setBigUint64(at, BigInt(value), little) : view.setUint32(at, value, little);
  out.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1]);
  view.setUint16(16, 2, little);
  view.setUint16(18, is64 ? 62 : 3, little);
  word(is64 ? 32 : 28, ehsize);
  view.setUint16(is64 ? 54 : 42, phentsize, little);
  view.setUint16(is64 ? 56 : 44, segments.length, little);
  placed.forEach((s, i) => {
    const p = ehsize + i * phentsize;
    view.setUint32(p, s.type, little);
    if (is64) {
      view.setUint32(p + 4, s.flags, little);
      for (const [field, value] of [
        [8, s.at],
        [16, s.vaddr],
        [24, s.vaddr],
        [32, s.data.length],
        [40, s.data.length],
        [48, 16],
      ]) {
        word(p + field!, value!);
      }
    } else {
      for (const [field, value] of [
        [4, s.at],
        [8, s.vaddr],
        [12, s.vaddr],
        [16, s.data.length],
        [20, s.data.length],
        [24, s.flags],
        [28, 16],
      ]) {
        view.setUint32(p + field!, value!, little);
      }
    }
    out.set(s.data, s.at);
  });
  return out;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_NOTE = 4;
const RW = 6;
const MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
const SENTINEL = new Uint8Array(16).fill(0x30);
const MODINFO = "path\texample.com/old\nmod\texample.com/old\t(devel)\t\nbuild\tGOOS=linux\n";
const framed = Buffer.concat([SENTINEL, Buffer.from(MODINFO), SENTINEL]);

/** A Go < 1.18 data segment: the header points at Go string headers, which point at the bytes. */
function pointerFormat(base: number, ptrSize: 4 | 8, little: boolean): Uint8Array {
  const data = new Uint8Array(0x200);
  const view = new DataView(data.buffer);
  const ptr = (at: number, value: number) =>
    ptrSize === 8 ? view.setBigUint64(at, BigInt(value), little) : view.setUint32(at, value, little);
  data.set(MAGIC, 0);
  data[14] = ptrSize;
  data[15] = little ? 0 : 1;
  ptr(16, base + 0x40);
  ptr(16 + ptrSize, base + 0x60);
  ptr(0x40, base + 0x80);
  ptr(0x40 + ptrSize, 8);
  ptr(0x60, base + 0xa0);
  ptr(0x60 + ptrSize, framed.length);
  data.set(Buffer.from("go1.17.5"), 0x80);
  data.set(framed, 0xa0);
  return data;
}

function uvarint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
  return [...out, n];
}

/** A Go ≥ 1.18 data segment, with a misaligned decoy magic in front of the real one. */
function inlineFormat(): Uint8Array {
  const version = Buffer.from("go1.22.4");
  return Buffer.concat([
    Buffer.alloc(8),
    MAGIC,
    Buffer.alloc(10),
    MAGIC,
    Buffer.from([8, 2]),
    Buffer.alloc(16),
    Buffer.from(uvarint(version.length)),
    version,
    Buffer.from(uvarint(framed.length)),
    framed,
  ]);
}

function goNote(id: string): Uint8Array {
  const desc = Buffer.from(id);
  const note = Buffer.alloc(16 + Math.ceil(desc.length / 4) * 4);
  note.writeUInt32LE(4, 0);
  note.writeUInt32LE(desc.length, 4);
  note.writeUInt32LE(4, 8);
  note.write("Go\0\0", 12, "latin1");
  desc.copy(note, 16);
  return note;
}

describe("build info", () => {
  it.each([
    [true, true, 8],
    [false, false, 4],
    [true, false, 8],
  ] as const)("follows the pre-1.18 pointer format (64-bit %s, little %s)", async (is64, little, ptrSize) => {
    const elf = makeElf(is64, little, [
      { type: PT_LOAD, flags: RW, vaddr: 0x10000, data: pointerFormat(0x10000, ptrSize, little) },
    ]);
    const info = await readBuildInfo(elf);
    expect(info.goVersion).toBe("go1.17.5");
    expect(info.path).toBe("example.com/old");
    expect(formatGoVersionM("old", info)).toBe(
      "old: go1.17.5\n\tpath\texample.com/old\n\tmod\texample.com/old\t(devel)\t\n\tbuild\tGOOS=linux\n",
    );
  });

  it("skips a misaligned magic and decodes the inline format", async () => {
    const elf = makeElf(true, true, [{ type: PT_LOAD, flags: RW, vaddr: 0x20000, data: inlineFormat() }]);
    const info = await readBinary(elf);
    expect(info.buildInfo.goVersion).toBe("go1.22.4");
    expect(info.buildInfo.settings).toEqual([{ key: "GOOS", value: "linux" }]);
    expect(info.buildTarget).toEqual({ goos: "linux", goarch: undefined });
    expect(info.header).toMatchObject({ goos: "linux", goarch: "amd64", bits: 64, byteOrder: "little" });
  });

  it("says 'not Go' for an executable without the magic and for unknown formats", async () => {
    const plain = makeElf(true, true, [
      { type: PT_LOAD, flags: RW, vaddr: 0x1000, data: new Uint8Array(64) },
    ]);
    await expect(readBinary(plain)).rejects.toBeInstanceOf(NotAGoBinaryError);
    await expect(readBinary(Buffer.from("#!/bin/sh\necho not a binary\n"))).rejects.toBeInstanceOf(
      NotAGoBinaryError,
    );
  });

  it("calls a truncated header malformed", async () => {
    const elf = makeElf(true, true, [{ type: PT_LOAD, flags: RW, vaddr: 0x20000, data: inlineFormat() }]);
    await expect(readBinary(elf.subarray(0, 80))).rejects.toBeInstanceOf(MalformedBinaryError);
  });
});

describe("ELF linkage and build ID", () => {
  const blob = { type: PT_LOAD, flags: RW, vaddr: 0x20000, data: inlineFormat() };

  it("reads PT_INTERP and DT_NEEDED through the dynamic string table", async () => {
    const strings = Buffer.from("\0libc.so.6\0");
    const dynamic = new DataView(new ArrayBuffer(48));
    dynamic.setBigUint64(0, 1n, true); // DT_NEEDED
    dynamic.setBigUint64(8, 1n, true);
    dynamic.setBigUint64(16, 5n, true); // DT_STRTAB
    dynamic.setBigUint64(24, 0x30000n, true);
    const info = await readBinary(
      makeElf(true, true, [
        { type: PT_INTERP, flags: 4, vaddr: 0x400, data: Buffer.from("/lib64/ld-linux-x86-64.so.2\0") },
        blob,
        { type: PT_LOAD, flags: 4, vaddr: 0x30000, data: strings },
        { type: PT_DYNAMIC, flags: RW, vaddr: 0x40000, data: new Uint8Array(dynamic.buffer) },
        { type: PT_NOTE, flags: 4, vaddr: 0x500, data: goNote("abc/def") },
      ]),
    );
    expect(info.linkage).toEqual({
      format: "elf",
      static: false,
      fileVerdict: "dynamically linked",
      interpreter: "/lib64/ld-linux-x86-64.so.2",
      needed: ["libc.so.6"],
      hasDynamicSegment: true,
      pie: false,
    });
    expect(info.buildId).toBe("abc/def");
  });

  it("calls a PIE with a dynamic segment but no needs static-pie, as file(1) does", async () => {
    const dynamic = new DataView(new ArrayBuffer(32));
    dynamic.setBigUint64(0, 0x6ffffffbn, true); // DT_FLAGS_1
    dynamic.setBigUint64(8, 0x08000000n, true); // DF_1_PIE
    const info = await readBinary(
      makeElf(true, true, [
        blob,
        { type: PT_DYNAMIC, flags: RW, vaddr: 0x40000, data: new Uint8Array(dynamic.buffer) },
      ]),
    );
    expect(info.linkage).toMatchObject({ static: true, fileVerdict: "static-pie linked", pie: true });
    expect(info.buildId).toBe("");
  });

  it("rejects a DT_NEEDED that points nowhere", async () => {
    const dynamic = new DataView(new ArrayBuffer(16));
    dynamic.setBigUint64(0, 1n, true);
    const elf = makeElf(true, true, [
      blob,
      { type: PT_DYNAMIC, flags: RW, vaddr: 0x40000, data: new Uint8Array(dynamic.buffer) },
    ]);
    await expect(readBinary(elf)).rejects.toThrow(MalformedBinaryError);
  });
});

describe("leaked paths", () => {
  it("reports build-shaped home, temp and build-directory paths once each", async () => {
    const extra = Buffer.from(
      "\0/home/ana/src/app/main.go\0/home/ana/src/app/main.go\0github.com/tmp/x\0C:\\Users\\ana\\go\\pkg\\mod\\x@v1\0/srv/build/ci/x\0",
    );
    const data = Buffer.concat([inlineFormat(), extra]);
    const elf = makeElf(true, true, [{ type: PT_LOAD, flags: RW, vaddr: 0x20000, data }]);
    const info = await readBinary(elf, { buildDir: "/srv/build" });
    expect(info.leakedPaths).toEqual([
      "/home/ana/src/app/main.go",
      "C:\\Users\\ana\\go\\pkg\\mod\\x@v1",
      "/srv/build/ci/x",
    ]);
  });

  it("never counts text the program carries, only paths of this build", async () => {
    const extra = Buffer.from(
      "\0write the response to /tmp/out.json\0listen on /tmp/app.sock\0/root/.config/app\0/builder/home/.netrc\0/tmp/go-build123/b001/x.o\0/srvx/y\0",
    );
    const data = Buffer.concat([inlineFormat(), extra]);
    const elf = makeElf(true, true, [{ type: PT_LOAD, flags: RW, vaddr: 0x20000, data }]);
    const info = await readBinary(elf, { buildPaths: ["/builder/home", "/tmp", "/srv"] });
    expect(info.leakedPaths).toEqual(["/builder/home/.netrc", "/tmp/go-build123/b001/x.o"]);
  });
});

describe("glibc floor", () => {
  it("reads the highest GLIBC_ version from DT_VERNEED, the oldest glibc the binary runs on", async () => {
    const strings = Buffer.from("\0libc.so.6\0GLIBC_2.2.5\0GLIBC_2.34\0GLIBC_2.17\0");
    const names = [11, 23, 34]; // offsets of the three versions above
    const verneed = Buffer.alloc(16 + 16 * names.length);
    verneed.writeUInt16LE(1, 0); // vn_version
    verneed.writeUInt16LE(names.length, 2); // vn_cnt
    verneed.writeUInt32LE(1, 4); // vn_file: libc.so.6
    verneed.writeUInt32LE(16, 8); // vn_aux
    names.forEach((name, i) => {
      const at = 16 + 16 * i;
      verneed.writeUInt32LE(name, at + 8); // vna_name
      verneed.writeUInt32LE(i === names.length - 1 ? 0 : 16, at + 12); // vna_next
    });
    const dynamic = new DataView(new ArrayBuffer(80));
    const entries: Array<[bigint, bigint]> = [
      [1n, 1n], // DT_NEEDED libc.so.6
      [5n, 0x30000n], // DT_STRTAB
      [0x6ffffffen, 0x50000n], // DT_VERNEED
      [0x6fffffffn, 1n], // DT_VERNEEDNUM
    ];
    entries.forEach(([tag, value], i) => {
      dynamic.setBigUint64(i * 16, tag, true);
      dynamic.setBigUint64(i * 16 + 8, value, true);
    });
    const info = await readBinary(
      makeElf(true, true, [
        { type: PT_LOAD, flags: RW, vaddr: 0x20000, data: inlineFormat() },
        { type: PT_LOAD, flags: 4, vaddr: 0x30000, data: strings },
        { type: PT_LOAD, flags: 4, vaddr: 0x50000, data: verneed },
        { type: PT_DYNAMIC, flags: RW, vaddr: 0x40000, data: new Uint8Array(dynamic.buffer) },
      ]),
    );
    expect(info.linkage).toMatchObject({ needed: ["libc.so.6"], glibc: "2.34" });
  });

  it("compares versions numerically", () => {
    expect(glibcFloor(["GLIBC_2.9", "GLIBC_2.17", "GLIBC_PRIVATE", "GCC_3.0"])).toBe("2.17");
    expect(glibcFloor(["GCC_3.0"])).toBeUndefined();
  });
});
