// PE/COFF (PE32 and PE32+): sections, the import directory and the COFF symbol table pointer.

import { BUILD_ID_SEARCH_BYTES, findRawBuildId } from "./build-id.js";
import { type ByteSource, cString, FieldReader, latin1, readUpTo } from "./byte-source.js";
import { MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
import { fromByteString } from "./go-string.js";
import { type DebugFacts, type HeaderTarget, LIMITS, type ParsedImage } from "./image.js";

const MACHINES: Record<number, string> = {
  332: "386",
  34404: "amd64",
  43620: "arm64",
  448: "arm",
  452: "arm",
};
const IMAGE_SCN_ALIGN_32BYTES = 0x600000;
// Initialized data, readable and writable: the section Go's reader takes for the data segment.
const DATA_CHARACTERISTICS = 0x40 | 0x40000000 | 0x80000000;
const COFF_SYMBOL_SIZE = 18;

export interface PeSection {
  readonly name: string;
  readonly virtualSize: number;
  readonly virtualAddress: number;
  readonly sizeOfRawData: number;
  readonly pointerToRawData: number;
  readonly characteristics: number;
}

export interface PeImage extends ParsedImage {
  readonly format: "pe";
  readonly sections: readonly PeSection[];
  readonly imageBase: number;
  readonly pointerToSymbolTable: number;
}

/** Parses a PE file; a bare MZ (DOS) program is not an executable Go could have written. */
export async function parsePe(source: ByteSource): Promise<PeImage> {
  const dos = new FieldReader(await readUpTo(source, 0, 64, "DOS header"), true, "DOS header");
  const peOffset = dos.u32(0x3c);
  const signature = await readUpTo(source, peOffset, 4, "PE signature");
  if (latin1(signature) !== "PE\0\0") throw new NotAGoBinaryError("not a PE executable (DOS program)");
  const coff = new FieldReader(await source.read(peOffset + 4, 20, "COFF header"), true, "COFF header");
  const machine = coff.u16(0);
  const sectionCount = coff.u16(2);
  const pointerToSymbolTable = coff.u32(8);
  const symbolCount = coff.u32(12);
  const optionalSize = coff.u16(16);
  const optionalAt = peOffset + 24;
  const optional = new FieldReader(
    await source.read(optionalAt, optionalSize, "PE optional header"),
    true,
    "PE",
  );
  let imageBase = 0;
  let importRva = 0;
  let is64 = false;
  if (optionalSize >= 2) {
    const magic = optional.u16(0);
    if (magic !== 0x10b && magic !== 0x20b)
      throw new MalformedBinaryError(`PE optional header magic ${magic}`);
    is64 = magic === 0x20b;
    imageBase = is64 ? optional.u64(24) : optional.u32(28);
    const dirCount = optional.u32(is64 ? 108 : 92);
    const dirs = is64 ? 112 : 96;
    if (dirCount > 1 && dirs + 16 <= optionalSize) {
      importRva = optional.u32(dirs + 8);
    }
  }
  const strings = await readStringTable(source, pointerToSymbolTable, symbolCount);
  const sections = await readSections(source, optionalAt + optionalSize, sectionCount, strings);
  const target: HeaderTarget = {
    goos: "windows",
    goarch: MACHINES[machine],
    bits: is64 ? 64 : 32,
    byteOrder: "little",
    machine,
  };
  const data = sections.find(
    (s) =>
      s.virtualAddress !== 0 &&
      s.sizeOfRawData !== 0 &&
      (s.characteristics & ~IMAGE_SCN_ALIGN_32BYTES) >>> 0 === DATA_CHARACTERISTICS >>> 0,
  );
  const debug: DebugFacts = {
    stripped: symbolCount === 0 && !sections.some((s) => isDwarf(s.name)),
    symbolCount,
    dwarf: sections.some((s) => isDwarf(s.name)),
  };
  const dlls = importRva === 0 ? [] : await readImports(source, sections, importRva);
  return {
    format: "pe",
    source,
    fileOffset: 0,
    sections,
    imageBase,
    pointerToSymbolTable,
    target,
    linkage: { format: "pe", dlls },
    debug,
    dataStart: data
      ? { addr: data.virtualAddress + imageBase, size: data.virtualSize }
      : { addr: 0, size: 0 },
    map: (addr) => mapAddress(sections, source.size, addr - imageBase),
    readBuildId: async () => findRawBuildId(await readUpTo(source, 0, BUILD_ID_SEARCH_BYTES, "PE text")),
  };
}

const isDwarf = (name: string): boolean => name.startsWith(".debug_") || name.startsWith(".zdebug_");

/** The COFF string table after the symbols, where section names longer than 8 bytes live. */
async function readStringTable(source: ByteSource, pointer: number, symbols: number): Promise<Uint8Array> {
  if (pointer === 0) return new Uint8Array(0);
  const at = pointer + symbols * COFF_SYMBOL_SIZE;
  if (at + 4 > source.size) return new Uint8Array(0);
  const length = new FieldReader(await source.read(at, 4, "COFF string table"), true, "COFF").u32(0);
  if (length < 4) return new Uint8Array(0);
  if (length > LIMITS.tableBytes) throw new MalformedBinaryError("COFF string table is too large");
  return source.read(at, length, "COFF string table");
}

async function readSections(
  source: ByteSource,
  at: number,
  count: number,
  strings: Uint8Array,
): Promise<PeSection[]> {
  const table = new FieldReader(
    await source.read(at, count * 40, "PE section table"),
    true,
    "PE section table",
  );
  const sections: PeSection[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * 40;
    let name = cString(table.bytes, o, 8);
    // "/123" names point into the string table (how Go names its .debug_* sections).
    if (/^\/\d+$/.test(name)) {
      const offset = Number(name.slice(1));
      if (offset >= strings.length) throw new MalformedBinaryError(`PE section name offset ${offset}`);
      name = cString(strings, offset, 256);
    }
    sections.push({
      name: fromByteString(name),
      virtualSize: table.u32(o + 8),
      virtualAddress: table.u32(o + 12),
      sizeOfRawData: table.u32(o + 16),
      pointerToRawData: table.u32(o + 20),
      characteristics: table.u32(o + 36),
    });
  }
  return sections;
}

/** debug/buildinfo's PE DataReader: an RVA inside a section's raw data. */
function mapAddress(sections: readonly PeSection[], fileSize: number, rva: number) {
  for (const s of sections) {
    if (s.virtualAddress <= rva && rva <= s.virtualAddress + s.sizeOfRawData - 1) {
      const offset = s.pointerToRawData + (rva - s.virtualAddress);
      const remaining = Math.max(0, Math.min(s.virtualAddress + s.sizeOfRawData - rva, fileSize - offset));
      return { offset, remaining };
    }
  }
  return undefined;
}

/** DLL names from the import directory (data directory 1). */
async function readImports(
  source: ByteSource,
  sections: readonly PeSection[],
  rva: number,
): Promise<string[]> {
  const start = mapAddress(sections, source.size, rva);
  if (start === undefined) throw new MalformedBinaryError("PE import directory is outside every section");
  // Descriptors run to an all-zero entry; the directory size is only a hint, so bound by the section.
  const limit = Math.min(start.remaining, LIMITS.imports * 20);
  const table = new FieldReader(
    await readUpTo(source, start.offset, limit, "PE import directory"),
    true,
    "PE",
  );
  const dlls: string[] = [];
  for (let o = 0; o + 20 <= table.bytes.length; o += 20) {
    const nameRva = table.u32(o + 12);
    if (table.u32(o) === 0 && nameRva === 0 && table.u32(o + 16) === 0) return dlls;
    const name = mapAddress(sections, source.size, nameRva);
    if (name === undefined) throw new MalformedBinaryError("PE import name is outside every section");
    const bytes = await readUpTo(
      source,
      name.offset,
      Math.min(name.remaining, LIMITS.nameBytes),
      "PE import name",
    );
    dlls.push(fromByteString(cString(bytes)));
  }
  throw new MalformedBinaryError("PE import directory has no terminating entry");
}
