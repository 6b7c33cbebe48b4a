// What differs between two builds of one binary: the build info (Go version, dependencies,
// settings) and the sections whose bytes differ, by name and file offset.
import { type BuildInfo, isBinaryReadError, type Module, readBuildInfo } from "../inspect/index.js";
import { diffFields, type FieldDifference } from "./archive-diff.js";
import { readSectionRanges, type SectionRange } from "./binary-sections.js";

export interface SectionDifference {
  readonly name: string;
  readonly release: SectionRange | undefined;
  readonly rebuild: SectionRange | undefined;
  /** Offset inside the section of the first differing byte; undefined when only size or place changed. */
  readonly firstDifference: number | undefined;
}

export interface BinaryDiff {
  readonly format: string | undefined;
  readonly buildInfo: readonly FieldDifference[];
  readonly sections: readonly SectionDifference[];
  /** Why the files could not be read as executables (then only `firstDifference` is known). */
  readonly unreadable: string | undefined;
  /** File offset of the first differing byte. */
  readonly firstDifference: number;
  readonly sizes: { readonly release: number; readonly rebuild: number };
}

function moduleText(m: Module): string {
  const own = [m.version, m.sum].filter(Boolean).join(" ");
  return m.replace ? `${own} => ${m.replace.path} ${m.replace.version} ${m.replace.sum}`.trim() : own;
}

/** Build info as named fields: `Go version`, `path`, `main module`, `dep <path>`, `build <key>`. */
export function buildInfoFields(info: BuildInfo): Record<string, string> {
  const fields: Record<string, string> = {
    "Go version": info.goVersion,
    path: info.path,
    "main module": `${info.main.path} ${moduleText(info.main)}`.trim(),
  };
  for (const dep of info.deps) fields[`dep ${dep.path}`] = moduleText(dep);
  for (const setting of info.settings) fields[`build ${setting.key}`] = setting.value;
  return fields;
}

/** Index of the first byte where a and b differ, or -1 when one is equal to the other. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function slice(bytes: Uint8Array, range: SectionRange): Uint8Array {
  return bytes.subarray(range.offset, Math.min(bytes.length, range.offset + range.size));
}

/** Adds the bytes before the first section, where the file headers and load commands live. */
function withHeaders(ranges: readonly SectionRange[]): SectionRange[] {
  const first = Math.min(...ranges.map((r) => r.offset));
  return Number.isFinite(first) && first > 0
    ? [{ name: "(headers)", offset: 0, size: first }, ...ranges]
    : [...ranges];
}

export function diffSections(
  releaseBytes: Uint8Array,
  releaseRanges: readonly SectionRange[],
  rebuildBytes: Uint8Array,
  rebuildRanges: readonly SectionRange[],
): SectionDifference[] {
  const left = withHeaders(releaseRanges);
  const right = new Map(withHeaders(rebuildRanges).map((r) => [r.name, r]));
  const out: SectionDifference[] = [];
  for (const a of left) {
    const b = right.get(a.name);
    right.delete(a.name);
    if (!b) {
      out.push({ name: a.name, release: a, rebuild: undefined, firstDifference: undefined });
      continue;
    }
    const at = firstDifference(slice(releaseBytes, a), slice(rebuildBytes, b));
    if (at >= 0 || a.offset !== b.offset) {
      out.push({ name: a.name, release: a, rebuild: b, firstDifference: at >= 0 ? at : undefined });
    }
  }
  for (const b of right.values())
    out.push({ name: b.name, release: undefined, rebuild: b, firstDifference: undefined });
  return out;
}

async function readOrReason<T>(read: () => Promise<T>): Promise<T | string> {
  try {
    return await read();
  } catch (error) {
    if (isBinaryReadError(error)) return (error as Error).message;
    throw error;
  }
}

export async function diffBinaries(release: Uint8Array, rebuild: Uint8Array): Promise<BinaryDiff> {
  const base = {
    firstDifference: firstDifference(release, rebuild),
    sizes: { release: release.length, rebuild: rebuild.length },
  };
  const [infoA, infoB, rangesA, rangesB] = await Promise.all([
    readOrReason(() => readBuildInfo(release)),
    readOrReason(() => readBuildInfo(rebuild)),
    readOrReason(() => readSectionRanges(release)),
    readOrReason(() => readSectionRanges(rebuild)),
  ]);
  if (typeof rangesA === "string" || typeof rangesB === "string") {
    const reason = typeof rangesA === "string" ? rangesA : String(rangesB);
    return { ...base, format: undefined, buildInfo: [], sections: [], unreadable: reason };
  }
  const buildInfo =
    typeof infoA === "string" || typeof infoB === "string"
      ? []
      : diffFields(buildInfoFields(infoA), buildInfoFields(infoB));
  const sections = rangesA.images.flatMap((ranges, i) => {
    const prefix = rangesA.images.length > 1 ? `slice ${i + 1} ` : "";
    return diffSections(release, ranges, rebuild, rangesB.images[i] ?? []).map((d) => ({
      ...d,
      name: `${prefix}${d.name}`,
    }));
  });
  return { ...base, format: rangesA.format, buildInfo, sections, unreadable: undefined };
}

/** Whether the bytes look like an executable goship builds (ELF, PE, Mach-O), by magic number. */
export function looksExecutable(bytes: Uint8Array): boolean {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  return (
    (a === 0x7f && b === 0x45 && c === 0x4c && d === 0x46) ||
    (a === 0x4d && b === 0x5a) ||
    (a === 0xcf && b === 0xfa && c === 0xed && d === 0xfe) ||
    (a === 0xce && b === 0xfa && c === 0xed && d === 0xfe) ||
    (a === 0xca && b === 0xfe && c === 0xba && d === 0xbe)
  );
}
