// ELF (32/64-bit, either byte order): headers, program headers, sections, dynamic table and notes.
import { type ByteSource, cString, FieldReader, latin1, readUpTo } from "./byte-source.js";
import { readLinkage } from "./elf-linkage.js";
import { MalformedBinaryError } from "./errors.js";
import { fromByteString } from "./go-string.js";
import { type DebugFacts, type HeaderTarget, LIMITS, type ParsedImage } from "./image.js";

const PT_LOAD = 1;
const PT_NOTE = 4;
const PF_X = 1;
const PF_W = 2;
const SHT_SYMTAB = 2;
const NOTE_GO_BUILD_ID = 4;

export interface ElfProgram {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
  readonly align: number;
}

export interface ElfSection {
  readonly name: string;
  readonly type: number;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly entsize: number;
}

export interface ElfImage extends ParsedImage {
  readonly format: "elf";
  /** e_type: 1 relocatable, 2 executable, 3 shared object or PIE, 4 core. */
  readonly type: number;
  readonly programs: readonly ElfProgram[];
  readonly sections: readonly ElfSection[];
}

const MACHINES: Record<number, (is64: boolean, little: boolean) => string | undefined> = {
  3: () => "386",
  62: () => "amd64",
  40: () => "arm",
  183: () => "arm64",
  21: (_, little) => (little ? "ppc64le" : "ppc64"),
  22: (is64) => (is64 ? "s390x" : undefined),
  243: (is64) => (is64 ? "riscv64" : undefined),
  8: (is64, little) => (is64 ? (little ? "mips64le" : "mips64") : little ? "mipsle" : "mips"),
  258: (is64) => (is64 ? "loong64" : undefined),
  43: () => "sparc64",
};

// Go sets EI_OSABI only for the BSDs; everything else, Linux included, is ELFOSABI_NONE.
const OS_ABIS: Record<number, string> = { 0: "linux", 3: "linux", 2: "netbsd", 9: "freebsd", 12: "openbsd" };

/** Parses an ELF file; throws MalformedBinaryError when a header field points outside the file. */
export async function parseElf(source: ByteSource): Promise<ElfImage> {
  const ident = await readUpTo(source, 0, 64, "ELF header");
  const is64 = ident[4] === 2;
  if (ident[4] !== 1 && !is64) throw new MalformedBinaryError(`unknown ELF class ${ident[4]}`);
  if (ident[5] !== 1 && ident[5] !== 2)
    throw new MalformedBinaryError(`unknown ELF data encoding ${ident[5]}`);
  const little = ident[5] === 1;
  const h = new FieldReader(ident, little, "ELF header");
  const w = is64 ? 8 : 4;
  const type = h.u16(16);
  const machine = h.u16(18);
  const phoff = h.word(24 + w, is64);
  const shoff = h.word(24 + 2 * w, is64);
  const at = 28 + 3 * w; // e_ehsize onwards; e_flags sits just before it
  const phentsize = h.u16(at + 2);
  let phnum = h.u16(at + 4);
  const shentsize = h.u16(at + 6);
  let shnum = h.u16(at + 8);
  let shstrndx = h.u16(at + 10);

  const shdrSize = is64 ? 64 : 40;
  if (shoff !== 0 && (shnum === 0 || shstrndx === 0xffff || phnum === 0xffff)) {
    // Extended numbering: the real counts live in section header 0.
    if (shentsize < shdrSize) throw new MalformedBinaryError(`ELF section header size ${shentsize}`);
    const first = new FieldReader(await source.read(shoff, shdrSize, "ELF section header 0"), little, "ELF");
    if (shnum === 0) shnum = first.word(is64 ? 32 : 20, is64);
    if (shstrndx === 0xffff) shstrndx = first.u32(is64 ? 40 : 24);
    if (phnum === 0xffff) phnum = first.u32(is64 ? 44 : 28);
  }
  if (phnum > LIMITS.programHeaders) throw new MalformedBinaryError(`ELF program header count ${phnum}`);
  if (shnum > LIMITS.sections) throw new MalformedBinaryError(`ELF section count ${shnum}`);

  const programs = await readPrograms(source, is64, little, phoff, phentsize, phnum);
  const sections =
    shoff === 0 ? [] : await readSections(source, is64, little, shoff, shentsize, shnum, shstrndx);
  const linkage = await readLinkage(source, is64, little, programs);
  const target: HeaderTarget = {
    goos: OS_ABIS[ident[7]!],
    goarch: MACHINES[machine]?.(is64, little),
    bits: is64 ? 64 : 32,
    byteOrder: little ? "little" : "big",
    machine,
  };
  const buildinfo = sections.find((s) => s.name === ".go.buildinfo");
  const writable = programs.find((p) => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W);
  return {
    format: "elf",
    source,
    fileOffset: 0,
    type,
    programs,
    sections,
    target,
    linkage,
    debug: debugFacts(sections),
    dataStart: buildinfo
      ? { addr: buildinfo.addr, size: buildinfo.size }
      : writable
        ? { addr: writable.vaddr, size: writable.memsz }
        : { addr: 0, size: 0 },
    map: (addr) => mapAddress(programs, source.size, addr),
    readBuildId: () => readGoNote(source, little, programs),
  };
}

async function readPrograms(
  source: ByteSource,
  is64: boolean,
  little: boolean,
  phoff: number,
  entsize: number,
  count: number,
): Promise<ElfProgram[]> {
  if (count === 0) return [];
  if (entsize < (is64 ? 56 : 32)) throw new MalformedBinaryError(`ELF program header size ${entsize}`);
  const table = new FieldReader(
    await source.read(phoff, count * entsize, "ELF program headers"),
    little,
    "ELF",
  );
  const programs: ElfProgram[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * entsize;
    programs.push(
      is64
        ? {
            type: table.u32(o),
            flags: table.u32(o + 4),
            offset: table.u64(o + 8),
            vaddr: table.u64(o + 16),
            filesz: table.u64(o + 32),
            memsz: table.u64(o + 40),
            align: table.u64(o + 48),
          }
        : {
            type: table.u32(o),
            offset: table.u32(o + 4),
            vaddr: table.u32(o + 8),
            filesz: table.u32(o + 16),
            memsz: table.u32(o + 20),
            flags: table.u32(o + 24),
            align: table.u32(o + 28),
          },
    );
  }
  return programs;
}

async function readSections(
  source: ByteSource,
  is64: boolean,
  little: boolean,
  shoff: number,
  entsize: number,
  count: number,
  shstrndx: number,
): Promise<ElfSection[]> {
  if (count === 0) return [];
  if (entsize < (is64 ? 64 : 40)) throw new MalformedBinaryError(`ELF section header size ${entsize}`);
  const table = new FieldReader(
    await source.read(shoff, count * entsize, "ELF section headers"),
    little,
    "ELF",
  );
  const raw = [];
  for (let i = 0; i < count; i++) {
    const o = i * entsize;
    raw.push({
      nameOffset: table.u32(o),
      type: table.u32(o + 4),
      addr: table.word(o + (is64 ? 16 : 12), is64),
      offset: table.word(o + (is64 ? 24 : 16), is64),
      size: table.word(o + (is64 ? 32 : 20), is64),
      entsize: table.word(o + (is64 ? 56 : 36), is64),
    });
  }
  let names: Uint8Array | undefined;
  if (shstrndx !== 0) {
    const strtab = raw[shstrndx];
    if (strtab === undefined) throw new MalformedBinaryError(`ELF section name table index ${shstrndx}`);
    if (strtab.size > LIMITS.tableBytes)
      throw new MalformedBinaryError("ELF section name table is too large");
    names = await source.read(strtab.offset, strtab.size, "ELF section name table");
  }
  return raw.map((s) => {
    if (names !== undefined && s.nameOffset >= names.length && s.nameOffset !== 0) {
      throw new MalformedBinaryError(`ELF section name offset ${s.nameOffset}`);
    }
    const name = names === undefined ? "" : cString(names, s.nameOffset, 256);
    return { name, type: s.type, addr: s.addr, offset: s.offset, size: s.size, entsize: s.entsize };
  });
}

/** debug/buildinfo's ELF DataReader: the first program header whose file bytes cover `addr`. */
function mapAddress(programs: readonly ElfProgram[], fileSize: number, addr: number) {
  for (const p of programs) {
    // Go computes vaddr+filesz-1 in uint64: an empty header at address 0 wraps around and
    // claims every address, then yields no bytes. Keep that so the verdicts stay the same.
    if (p.filesz === 0 && p.vaddr === 0) return { offset: p.offset, remaining: 0 };
    if (p.vaddr <= addr && addr <= p.vaddr + p.filesz - 1) {
      const offset = p.offset + (addr - p.vaddr);
      const remaining = Math.max(0, Math.min(p.vaddr + p.filesz - addr, fileSize - offset));
      return { offset, remaining };
    }
  }
  return undefined;
}

function debugFacts(sections: readonly ElfSection[]): DebugFacts {
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const hasDebugInfo = sections.some((s) => s.name === ".debug_info");
  return {
    stripped: symtab === undefined && !hasDebugInfo,
    symbolCount: symtab && symtab.entsize > 0 ? Math.floor(symtab.size / symtab.entsize) : 0,
    dwarf: sections.some((s) => s.name.startsWith(".debug_") || s.name.startsWith(".zdebug_")),
  };
}

/** The Go build-ID note (name "Go\0\0", type 4), walked as cmd/internal/buildid walks PT_NOTE. */
async function readGoNote(
  source: ByteSource,
  little: boolean,
  programs: readonly ElfProgram[],
): Promise<string> {
  for (const p of programs) {
    if (p.type !== PT_NOTE || p.filesz < 16) continue;
    if (p.filesz > LIMITS.tableBytes) throw new MalformedBinaryError("ELF note segment is too large");
    const notes = await source.read(p.offset, p.filesz, "ELF note segment");
    const r = new FieldReader(notes, little, "ELF note");
    let at = 0;
    while (notes.length - at >= 16) {
      const nameSize = r.u32(at);
      const descSize = r.u32(at + 4);
      const kind = r.u32(at + 8);
      const isGo =
        notes[at + 12] === 0x47 && notes[at + 13] === 0x6f && notes[at + 14] === 0 && notes[at + 15] === 0;
      if (nameSize === 4 && kind === NOTE_GO_BUILD_ID && isGo && at + 16 + descSize <= notes.length) {
        return fromByteString(latin1(notes.subarray(at + 16, at + 16 + descSize)));
      }
      let next = at + 12 + align4(nameSize) + align4(descSize);
      if (p.align > 4 && p.align <= 4096) next = Math.ceil(next / p.align) * p.align;
      at = next;
    }
  }
  return "";
}

const align4 = (n: number): number => Math.ceil(n / 4) * 4;
