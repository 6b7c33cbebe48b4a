// The shape every format parser returns: target facts, linkage, debug facts and an address map.
import type { ByteSource } from "./byte-source.js";

export type BinaryFormat = "elf" | "pe" | "macho";
export type ByteOrder = "little" | "big";

/** What the file headers alone say about the target (no build info involved). */
export interface HeaderTarget {
  /** From ELF EI_OSABI (0 is read as linux), PE (windows) or Mach-O platform (darwin/ios). */
  readonly goos: string | undefined;
  /** From ELF e_machine, the PE machine or the Mach-O cputype; undefined when Go has no such port. */
  readonly goarch: string | undefined;
  readonly bits: 32 | 64;
  readonly byteOrder: ByteOrder;
  /** The raw machine field (e_machine, PE Machine, Mach-O cputype). */
  readonly machine: number;
}

/** ELF linkage, decided exactly as file(1) decides it. */
export interface ElfLinkage {
  readonly format: "elf";
  /** No PT_INTERP and no DT_NEEDED: the program needs nothing from the system at run time. */
  readonly static: boolean;
  /** The words file(1) prints. */
  readonly fileVerdict: "statically linked" | "static-pie linked" | "dynamically linked";
  readonly interpreter: string | undefined;
  readonly needed: readonly string[];
  readonly hasDynamicSegment: boolean;
  /** DT_FLAGS_1 has DF_1_PIE. */
  readonly pie: boolean;
  /** The highest GLIBC_x.y symbol version needed (DT_VERNEED): the oldest glibc it runs on. */
  readonly glibc?: string;
}

/** PE linkage: the DLLs named in the import directory. */
export interface PeLinkage {
  readonly format: "pe";
  readonly dlls: readonly string[];
}

export interface MachoDylib {
  readonly name: string;
  readonly kind: "load" | "weak" | "reexport" | "lazy" | "upward";
}

/** Mach-O linkage: dylib load commands and the dynamic linker. */
export interface MachoLinkage {
  readonly format: "macho";
  readonly dylibs: readonly MachoDylib[];
  readonly dylinker: string | undefined;
}

export type Linkage = ElfLinkage | PeLinkage | MachoLinkage;

/** Symbols and DWARF, and the verdict each format's usual tool would print. */
export interface DebugFacts {
  /** ELF: no SHT_SYMTAB and no `.debug_info` (file(1)); PE: no COFF symbols and no DWARF sections; Mach-O: no __DWARF segment. */
  readonly stripped: boolean;
  /** Entries in the symbol table (ELF SHT_SYMTAB, PE NumberOfSymbols, Mach-O LC_SYMTAB nsyms). */
  readonly symbolCount: number;
  /** DWARF present: `.debug_*`/`.zdebug_*` sections, or the Mach-O __DWARF segment. */
  readonly dwarf: boolean;
}

/** Where a virtual address lives in the file. */
export interface MappedAddress {
  readonly offset: number;
  /** File bytes from `offset` to the end of the segment or section holding the address. */
  readonly remaining: number;
}

/** One parsed executable image: a whole ELF/PE/Mach-O file or one slice of a universal file. */
export interface ParsedImage {
  readonly format: BinaryFormat;
  /** The image's bytes (a window of the file for a universal slice). */
  readonly source: ByteSource;
  /** Where the image starts in the file: 0, or the offset of a universal slice. */
  readonly fileOffset: number;
  readonly target: HeaderTarget;
  readonly linkage: Linkage;
  readonly debug: DebugFacts;
  /** The address range Go's build-info reader searches (debug/buildinfo DataStart). */
  readonly dataStart: { readonly addr: number; readonly size: number };
  /** Maps a virtual address to file bytes the way debug/buildinfo's DataReader does. */
  map(addr: number): MappedAddress | undefined;
  /** The Go build ID, or "" when the image has none (`go tool buildid`). */
  readBuildId(): Promise<string>;
}

/** Caps that keep hostile headers from causing long loops or big allocations. */
export const LIMITS = {
  sections: 65_536,
  programHeaders: 65_536,
  loadCommands: 65_536,
  loadCommandBytes: 16 * 1024 * 1024,
  dynamicEntries: 65_536,
  imports: 4_096,
  // file(1) draws the line between universal binaries and Java class files (same magic) here.
  fatSlices: 20,
  /** Note segments, dynamic tables and string tables read whole are capped at this. */
  tableBytes: 16 * 1024 * 1024,
  /** NUL-terminated names (DLLs, dylibs, interpreter). */
  nameBytes: 4_096,
} as const;
