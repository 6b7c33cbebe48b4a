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
      }
      neededCount += nameOffsets.length;
      for (const nameOffset of nameOffsets)
        needed.push(await readDynamicString(source, programs, strtab, strsz, nameOffset));
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
  };
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
