// Mach-O (32/64-bit, either byte order) and universal files: segments, sections, dylibs, LC_SYMTAB.

import { BUILD_ID_SEARCH_BYTES, findRawBuildId } from "./build-id.js";
import { type ByteSource, cString, FieldReader, readUpTo, sliceSource } from "./byte-source.js";
import { MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
import { fromByteString } from "./go-string.js";
import { type HeaderTarget, LIMITS, type MachoDylib, type ParsedImage } from "./image.js";

const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_LOAD_DYLINKER = 0xe;
const LC_SEGMENT_64 = 0x19;
const LC_VERSION_MIN_IPHONEOS = 0x25;
const LC_BUILD_VERSION = 0x32;
const DYLIB_KINDS: Record<number, MachoDylib["kind"]> = {
  12: "load",
  2147483672: "weak",
  2147483679: "reexport",
  32: "lazy",
  2147483683: "upward",
};
const CPU_TYPES: Record<number, string> = {
  7: "386",
  16777223: "amd64",
  12: "arm",
  16777228: "arm64",
  18: "ppc",
  16777234: "ppc64",
};
const PLATFORM_IOS = 2;
const PLATFORM_IOS_SIMULATOR = 7;

export interface MachoSection {
  readonly name: string;
  readonly segment: string;
  readonly addr: number;
  readonly size: number;
  readonly offset: number;
}

export interface MachoSegment {
  readonly name: string;
  readonly addr: number;
  readonly memsz: number;
  readonly offset: number;
  readonly filesz: number;
  readonly maxprot: number;
  readonly prot: number;
}

export interface MachoImage extends ParsedImage {
  readonly format: "macho";
  readonly segments: readonly MachoSegment[];
  readonly sections: readonly MachoSection[];
}

/** True for the 4 magics of a thin Mach-O file. */
export function isThinMacho(head: Uint8Array): boolean {
  const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const le = ((head[3]! << 24) | (head[2]! << 16) | (head[1]! << 8) | head[0]!) >>> 0;
  return (be & ~1) >>> 0 === 0xfeedface || (le & ~1) >>> 0 === 0xfeedface;
}

/** Parses every slice of a universal (fat) file, in header order. */
export async function parseFatMacho(source: ByteSource): Promise<MachoImage[]> {
  const head = new FieldReader(await source.read(0, 8, "universal header"), false, "universal header");
  const wide = head.u32(0) === 0xcafebabf;
  const count = head.u32(4);
  if (count === 0 || count > LIMITS.fatSlices) {
    throw new NotAGoBinaryError(`not a Mach-O universal file (${count} architectures)`);
  }
  const entry = wide ? 32 : 20;
  const table = new FieldReader(
    await source.read(8, count * entry, "universal architecture table"),
    false,
    "fat",
  );
  const slices: MachoImage[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * entry;
    const offset = wide ? table.u64(o + 8) : table.u32(o + 8);
    const size = wide ? table.u64(o + 16) : table.u32(o + 12);
    const slice = sliceSource(source, offset, size, `universal slice ${i}`);
    const magic = await readUpTo(slice, 0, 4, `universal slice ${i}`);
    if (magic.length < 4 || !isThinMacho(magic))
      throw new MalformedBinaryError(`universal slice ${i} is not Mach-O`);
    slices.push(await parseMacho(slice, offset));
  }
  return slices;
}

/** Parses a thin Mach-O image. */
export async function parseMacho(source: ByteSource, fileOffset = 0): Promise<MachoImage> {
  const head = await readUpTo(source, 0, 32, "Mach-O header");
  if (head.length < 28) throw new MalformedBinaryError("Mach-O header is truncated");
  if (!isThinMacho(head)) throw new MalformedBinaryError("Mach-O magic number");
  const little = head[0] === 0xce || head[0] === 0xcf;
  const h = new FieldReader(head, little, "Mach-O header");
  const is64 = (h.u32(0) & 1) === 1;
  const headerSize = is64 ? 32 : 28;
  const cputype = h.u32(4);
  const ncmds = h.u32(16);
  const sizeofcmds = h.u32(20);
  if (ncmds > LIMITS.loadCommands) throw new MalformedBinaryError(`Mach-O load command count ${ncmds}`);
  if (sizeofcmds > LIMITS.loadCommandBytes)
    throw new MalformedBinaryError("Mach-O load commands are too large");
  const cmds = new FieldReader(
    await source.read(headerSize, sizeofcmds, "Mach-O load commands"),
    little,
    "Mach-O",
  );
  const segments: MachoSegment[] = [];
  const sections: MachoSection[] = [];
  const dylibs: MachoDylib[] = [];
  let dylinker: string | undefined;
  let symbolCount = 0;
  let platform = 0;
  for (let i = 0, o = 0; i < ncmds; i++) {
    const cmd = cmds.u32(o);
    const size = cmds.u32(o + 4);
    if (size < 8 || o + size > sizeofcmds)
      throw new MalformedBinaryError(`Mach-O load command ${i} size ${size}`);
    const body = new FieldReader(cmds.bytes.subarray(o, o + size), little, `Mach-O load command ${i}`);
    if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) {
      readSegment(body, cmd === LC_SEGMENT_64, segments, sections);
    } else if (cmd in DYLIB_KINDS) {
      dylibs.push({ name: commandString(body, size), kind: DYLIB_KINDS[cmd]! });
    } else if (cmd === LC_LOAD_DYLINKER) {
      dylinker = commandString(body, size);
    } else if (cmd === LC_SYMTAB) {
      symbolCount = body.u32(12);
    } else if (cmd === LC_BUILD_VERSION) {
      platform = body.u32(8);
    } else if (cmd === LC_VERSION_MIN_IPHONEOS) {
      platform = PLATFORM_IOS;
    }
    o += size;
  }
  const target: HeaderTarget = {
    goos: platform === PLATFORM_IOS || platform === PLATFORM_IOS_SIMULATOR ? "ios" : "darwin",
    goarch: CPU_TYPES[cputype],
    bits: is64 ? 64 : 32,
    byteOrder: little ? "little" : "big",
    machine: cputype,
  };
  const buildinfo = sections.find((s) => s.name === "__go_buildinfo");
  const writable = segments.find((s) => s.addr !== 0 && s.filesz !== 0 && s.prot === 3 && s.maxprot === 3);
  const hasDwarf = segments.some((s) => s.name === "__DWARF");
  return {
    format: "macho",
    source,
    fileOffset,
    segments,
    sections,
    target,
    linkage: { format: "macho", dylibs, dylinker },
    debug: { stripped: !hasDwarf, symbolCount, dwarf: hasDwarf },
    dataStart: buildinfo
      ? { addr: buildinfo.addr, size: buildinfo.size }
      : writable
        ? { addr: writable.addr, size: writable.memsz }
        : { addr: 0, size: 0 },
    map: (addr) => mapAddress(segments, source.size, addr),
    readBuildId: () => readBuildId(source, sections),
  };
}

function readSegment(
  body: FieldReader,
  is64: boolean,
  segments: MachoSegment[],
  sections: MachoSection[],
): void {
  const w = is64 ? 8 : 4;
  const name = fromByteString(cString(body.bytes, 8, 16));
  const at = 24 + 4 * w; // maxprot, after vmaddr, vmsize, fileoff, filesize
  segments.push({
    name,
    addr: body.word(24, is64),
    memsz: body.word(24 + w, is64),
    offset: body.word(24 + 2 * w, is64),
    filesz: body.word(24 + 3 * w, is64),
    maxprot: body.u32(at),
    prot: body.u32(at + 4),
  });
  const nsects = body.u32(at + 8);
  const first = at + 16;
  const entry = is64 ? 80 : 68;
  if (nsects > (body.bytes.length - first) / entry) {
    throw new MalformedBinaryError(`Mach-O segment ${name} claims ${nsects} sections`);
  }
  for (let i = 0; i < nsects; i++) {
    const o = first + i * entry;
    sections.push({
      name: fromByteString(cString(body.bytes, o, 16)),
      segment: fromByteString(cString(body.bytes, o + 16, 16)),
      addr: body.word(o + 32, is64),
      size: body.word(o + 32 + w, is64),
      offset: body.u32(o + 32 + 2 * w),
    });
  }
}

/** An lc_str: a NUL-terminated name at an offset inside the command. */
function commandString(body: FieldReader, size: number): string {
  const offset = body.u32(8);
  if (offset < 12 || offset >= size) throw new MalformedBinaryError(`Mach-O name offset ${offset}`);
  return fromByteString(cString(body.bytes, offset, LIMITS.nameBytes));
}

/** debug/buildinfo's Mach-O DataReader: segments in order, never __PAGEZERO. */
function mapAddress(segments: readonly MachoSegment[], fileSize: number, addr: number) {
  for (const s of segments) {
    // Go computes addr+filesz-1 in uint64: an empty segment at 0 wraps and claims every address.
    const wraps = s.filesz === 0 && s.addr === 0;
    if (!wraps && !(s.addr <= addr && addr <= s.addr + s.filesz - 1)) continue;
    if (s.name === "__PAGEZERO") continue;
    if (wraps) return { offset: s.offset, remaining: 0 };
    const offset = s.offset + (addr - s.addr);
    return { offset, remaining: Math.max(0, Math.min(s.addr + s.filesz - addr, fileSize - offset)) };
  }
  return undefined;
}

/** The raw build-ID prefix in the first 32 KiB, else at the start of __text (cmd/internal/buildid). */
async function readBuildId(source: ByteSource, sections: readonly MachoSection[]): Promise<string> {
  try {
    const id = findRawBuildId(await readUpTo(source, 0, BUILD_ID_SEARCH_BYTES, "Mach-O text"));
    if (id !== "") return id;
  } catch (error) {
    // A damaged copy in the header area is what the __text lookup below exists for.
    if (!(error instanceof MalformedBinaryError)) throw error;
  }
  const text = sections.find((s) => s.name === "__text");
  if (text === undefined) return "";
  const length = Math.min(text.size, BUILD_ID_SEARCH_BYTES);
  return findRawBuildId(await source.read(text.offset, length, "Mach-O __text section"));
}
