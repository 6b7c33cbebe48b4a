// Says what differs inside one artifact whose digest did not match: archive entries and headers,
// binary build info and sections, checksum lines, metadata fields — or the first differing byte.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isArchiveName, MalformedArchiveError, readArchive } from "../archive/read/index.js";
import { parseChecksumsFile } from "../checksum/format.js";
import {
  type ArchiveDiff,
  diffArchives,
  diffFields,
  type EntryFacts,
  entryFacts,
  type FieldDifference,
  gzipFacts,
} from "./archive-diff.js";
import { type BinaryDiff, diffBinaries, firstDifference, looksExecutable } from "./binary-diff.js";

export type Diagnosis =
  | {
      readonly kind: "archive";
      readonly diff: ArchiveDiff;
      /** Binaries inside the archive whose content differs, with the release entry's sha256. */
      readonly binaries: ReadonlyArray<{
        readonly entry: string;
        readonly sha256: string;
        readonly diff: BinaryDiff;
      }>;
    }
  | { readonly kind: "binary"; readonly diff: BinaryDiff }
  | { readonly kind: "checksums"; readonly names: readonly string[] }
  | { readonly kind: "metadata"; readonly fields: readonly FieldDifference[] }
  | {
      readonly kind: "bytes";
      readonly firstDifference: number;
      readonly sizes: { readonly release: number; readonly rebuild: number };
    }
  | { readonly kind: "unreadable"; readonly reason: string };

export async function diagnoseFiles(
  name: string,
  releaseFile: string,
  rebuildFile: string,
): Promise<Diagnosis> {
  const [release, rebuild] = await Promise.all([readFile(releaseFile), readFile(rebuildFile)]);
  return diagnoseBytes(name, release, rebuild);
}

export async function diagnoseBytes(name: string, release: Buffer, rebuild: Buffer): Promise<Diagnosis> {
  try {
    if (isArchiveName(name)) return await diagnoseArchive(release, rebuild);
    if (name === "checksums.txt" || name.endsWith("/checksums.txt") || name.endsWith(".sha256")) {
      return { kind: "checksums", names: diffChecksums(release.toString("utf8"), rebuild.toString("utf8")) };
    }
    if (name.endsWith(".json")) return { kind: "metadata", fields: diffJson(release, rebuild) };
    if (looksExecutable(release) && looksExecutable(rebuild)) {
      return { kind: "binary", diff: await diffBinaries(release, rebuild) };
    }
  } catch (error) {
    if (
      !(error instanceof MalformedArchiveError || error instanceof SyntaxError || isChecksumParseError(error))
    ) {
      throw error;
    }
    return { kind: "unreadable", reason: (error as Error).message };
  }
  return {
    kind: "bytes",
    firstDifference: firstDifference(release, rebuild),
    sizes: { release: release.length, rebuild: rebuild.length },
  };
}

function isChecksumParseError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("checksums file line");
}

async function withBinaries(
  diff: ArchiveDiff,
  release: readonly EntryFacts[],
  rebuild: readonly EntryFacts[],
): Promise<Diagnosis> {
  const binaries: Array<{ entry: string; sha256: string; diff: BinaryDiff }> = [];
  for (const entry of diff.entries.filter((e) => e.content)) {
    const a = release.find((e) => e.name === entry.name)?.data;
    const b = rebuild.find((e) => e.name === entry.name)?.data;
    if (a && b && looksExecutable(a) && looksExecutable(b)) {
      const sha256 = createHash("sha256").update(a).digest("hex");
      binaries.push({ entry: entry.name, sha256, diff: await diffBinaries(a, b) });
    }
  }
  return { kind: "archive", diff, binaries };
}

async function diagnoseArchive(release: Buffer, rebuild: Buffer): Promise<Diagnosis> {
  const [a, b] = await Promise.all([readArchive(release), readArchive(rebuild)]);
  const left = a.entries.map((e) => entryFacts(e, a.format));
  const right = b.entries.map((e) => entryFacts(e, b.format));
  const diff = diffArchives(
    { entries: left, container: { format: a.format, ...gzipFacts(release) } },
    { entries: right, container: { format: b.format, ...gzipFacts(rebuild) } },
  );
  return withBinaries(diff, left, right);
}

/** File names whose line differs between two checksum files (or that only one lists). */
export function diffChecksums(release: string, rebuild: string): string[] {
  const a = new Map(parseChecksumsFile(release).map((l) => [l.name, l.hex]));
  const b = new Map(parseChecksumsFile(rebuild).map((l) => [l.name, l.hex]));
  return [...new Set([...a.keys(), ...b.keys()])].filter((name) => a.get(name) !== b.get(name)).sort();
}

/** Leaves of a JSON document as dotted paths: `build.ldflags`, `targets.0`. */
export function flattenJson(
  value: unknown,
  prefix = "",
  out: Record<string, string> = {},
): Record<string, string> {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value))
      flattenJson(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = JSON.stringify(value);
  }
  return out;
}

export function diffJson(release: Buffer, rebuild: Buffer): FieldDifference[] {
  return diffFields(
    flattenJson(JSON.parse(release.toString("utf8"))),
    flattenJson(JSON.parse(rebuild.toString("utf8"))),
  );
}
