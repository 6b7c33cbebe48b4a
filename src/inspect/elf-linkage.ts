// ELF linkage as file(1) decides it: PT_INTERP, PT_DYNAMIC, and the DT_NEEDED and DT_FLAGS_1 entries.
import { type ByteSource, cString, FieldReader, readUpTo } from "./byte-source.js";
import type { ElfProgram } from "./elf.js";
import { MalformedBinaryError } from "./errors.js";
import { fromByteString } from "./go-string.js";
import { type ElfLinkage, LIMITS } from "./image.js";

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_FLAGS_1 = 0x6ffffffb;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;
const DF_1_PIE = 0x08000000;

/** PT_INTERP, PT_DYNAMIC, DT_NEEDED and DF_1_PIE, read the way file(1)'s dophn_exec reads them. */
export async function readLinkage(
  source: ByteSource,
  is64: boolean,
  little: boolean,
  programs: readonly ElfProgram[],
): Promise<ElfLinkage> {
  let interpreter: string | undefined;
  let hasDynamicSegment = false;
  let pie = false;
  let neededCount = 0;
  let glibc: string | undefined;
  const needed: string[] = [];
  for (const p of programs) {
    if (p.type === PT_INTERP) {
      neededCount++;
      const bytes = await source.read(p.offset, Math.min(p.filesz, LIMITS.nameBytes), "ELF interpreter path");
      interpreter = fromByteString(cString(bytes));
    } else if (p.type === PT_DYNAMIC) {
      hasDynamicSegment = true;
      if (p.filesz > LIMITS.tableBytes) throw new MalformedBinaryError("ELF dynamic segment is too large");
      const table = new FieldReader(
        await source.read(p.offset, p.filesz, "ELF dynamic segment"),
        little,
        "ELF",
      );
      const entry = is64 ? 16 : 8;
      const count = Math.min(Math.floor(p.filesz / entry), LIMITS.dynamicEntries);
      const nameOffsets: number[] = [];
      let verneed: number | undefined;
      let verneedCount = 0;
      let strtab: number | undefined;
      let strsz = LIMITS.tableBytes;
      for (let i = 0; i < count; i++) {
        const tag = table.word(i * entry, is64);
        const value = table.word(i * entry + entry / 2, is64);
        if (tag === DT_NULL) break;
        if (tag === DT_NEEDED) nameOffsets.push(value);
        else if (tag === DT_STRTAB) strtab = value;
        else if (tag === DT_STRSZ) strsz = value;
        else if (tag === DT_FLAGS_1 && (value & DF_1_PIE) !== 0) pie = true;
        else if (tag === DT_VERNEED) verneed = value;
        else if (tag === DT_VERNEEDNUM) verneedCount = value;
      }
      neededCount += nameOffsets.length;
      for (const nameOffset of nameOffsets)
        needed.push(await readDynamicString(source, programs, strtab, strsz, nameOffset));
      if (verneed !== undefined && verneedCount > 0) {
        const names = await readVersionNeeds(source, programs, little, verneed, verneedCount);
        const strings = await Promise.all(
          names.map((offset) => readDynamicString(source, programs, strtab, strsz, offset)),
        );
        glibc = glibcFloor(strings);
      }
    }
  }
  const fileVerdict = !hasDynamicSegment
    ? "statically linked"
    : pie && neededCount === 0
      ? "static-pie linked"
      : "dynamically linked";
  return {
    format: "elf",
    static: neededCount === 0,
    fileVerdict,
    interpreter,
    needed,
    hasDynamicSegment,
    pie,
    ...(glibc ? { glibc } : {}),
  };
}

/**
 * The vna_name offsets of every Elf_Vernaux in the DT_VERNEED chain (the same layout in 32 and 64
 * bit ELF): the symbol versions, such as GLIBC_2.34, the binary asks its libraries for.
 */
async function readVersionNeeds(
  source: ByteSource,
  programs: readonly ElfProgram[],
  little: boolean,
  address: number,
  count: number,
): Promise<number[]> {
  const load = programs.find((p) => p.type === PT_LOAD && p.vaddr <= address && address < p.vaddr + p.filesz);
  if (!load) throw new MalformedBinaryError("ELF DT_VERNEED is outside every loaded segment");
  const start = load.offset + (address - load.vaddr);
  const size = Math.min(load.offset + load.filesz - start, LIMITS.tableBytes);
  const table = new FieldReader(await source.read(start, size, "ELF version needs"), little, "ELF");
  const names: number[] = [];
  let at = 0;
  for (let i = 0; i < Math.min(count, LIMITS.dynamicEntries); i++) {
    const auxCount = table.u16(at + 2);
    let aux = at + table.u32(at + 8);
    for (let j = 0; j < Math.min(auxCount, LIMITS.dynamicEntries); j++) {
      names.push(table.u32(aux + 8));
      const nextAux = table.u32(aux + 12);
      if (nextAux === 0) break;
      aux += nextAux;
    }
    const next = table.u32(at + 12);
    if (next === 0) break;
    at += next;
  }
  return names;
}

/** The highest `GLIBC_x.y[.z]` version among symbol versions: the oldest glibc the binary runs on. */
export function glibcFloor(versions: readonly string[]): string | undefined {
  const parsed = versions
    .map((v) => /^GLIBC_(\d+(?:\.\d+)+)$/.exec(v)?.[1])
    .filter((v): v is string => v !== undefined)
    .map((v) => ({ text: v, parts: v.split(".").map(Number) }));
  parsed.sort((a, b) => {
    for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
      const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return parsed.at(-1)?.text;
}

async function readDynamicString(
  source: ByteSource,
  programs: readonly ElfProgram[],
  strtab: number | undefined,
  strsz: number,
  nameOffset: number,
): Promise<string> {
  const load = programs.find(
    (p) => p.type === PT_LOAD && strtab !== undefined && p.vaddr <= strtab && strtab < p.vaddr + p.filesz,
  );
  if (strtab === undefined || load === undefined || nameOffset >= strsz) {
    throw new MalformedBinaryError("ELF DT_NEEDED name is outside the dynamic string table");
  }
  const offset = load.offset + (strtab - load.vaddr) + nameOffset;
  const bytes = await readUpTo(
    source,
    offset,
    Math.min(LIMITS.nameBytes, strsz - nameOffset),
    "ELF DT_NEEDED name",
  );
  return fromByteString(cString(bytes));
}
