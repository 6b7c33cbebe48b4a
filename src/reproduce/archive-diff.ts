// What differs between two archives of the same name: entries only on one side, renamed entries,
// and for an entry on both sides each header field (mode, owners, mtime, size…) and its content.
import type { ArchiveListing, ReadEntry } from "../archive/read/index.js";

/** One archive entry as header fields named the way users know them, plus its content. */
export interface EntryFacts {
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly data: Uint8Array;
}

export interface FieldDifference {
  readonly field: string;
  readonly release: string;
  readonly rebuild: string;
}

export interface EntryDifference {
  readonly name: string;
  readonly fields: readonly FieldDifference[];
  readonly content: boolean;
}

export interface ArchiveDiff {
  readonly onlyInRelease: readonly string[];
  readonly onlyInRebuild: readonly string[];
  /** Same content under another name. */
  readonly renamed: ReadonlyArray<{ readonly release: string; readonly rebuild: string }>;
  readonly entries: readonly EntryDifference[];
  /** The same entries stored in another order. */
  readonly order: boolean;
  /** Differences outside the entries: the gzip header. */
  readonly container: readonly FieldDifference[];
}

export function isoSeconds(unix: number): string {
  return Number.isFinite(unix) && Math.abs(unix) < 8.64e12
    ? new Date(unix * 1000).toISOString().replace(/\.000Z$/, "Z")
    : String(unix);
}

/** Header fields of an entry; owners only for tar, where they are stored (zip has no such fields). */
export function entryFacts(entry: ReadEntry, format: ArchiveListing["format"]): EntryFacts {
  const fields: Record<string, string> = {
    type: entry.type,
    mode: entry.mode.toString(8).padStart(4, "0"),
    mtime: isoSeconds(entry.mtime),
    size: String(entry.size),
  };
  if (format !== "zip") {
    Object.assign(fields, {
      uid: String(entry.uid),
      gid: String(entry.gid),
      uname: entry.uname,
      gname: entry.gname,
    });
  }
  if (entry.linkname) fields.link = entry.linkname;
  // PAX keys (atime, ctime…) and zip extra fields (0x5455 times, 0x7875 uid/gid) carry host facts.
  fields["extra headers"] = entry.extras.join(",") || "none";
  return { name: entry.name, fields, data: entry.data };
}

/** The fixed gzip header fields (RFC 1952) that vary between tools and hosts, or {} for non-gzip bytes. */
export function gzipFacts(bytes: Uint8Array): Record<string, string> {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return {};
  const mtime = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(4);
  return {
    "gzip flags": `0x${bytes[3]!.toString(16).padStart(2, "0")}`,
    "gzip mtime": String(mtime),
    "gzip XFL byte": String(bytes[8]),
    "gzip OS byte": String(bytes[9]),
  };
}

/** The value shown for a field one side does not have. */
export const ABSENT = "(absent)";

export function diffFields(
  release: Readonly<Record<string, string>>,
  rebuild: Readonly<Record<string, string>>,
): FieldDifference[] {
  const keys = [...new Set([...Object.keys(release), ...Object.keys(rebuild)])];
  return keys
    .filter((key) => release[key] !== rebuild[key])
    .map((field) => ({ field, release: release[field] ?? ABSENT, rebuild: rebuild[field] ?? ABSENT }));
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

export function diffArchives(
  release: { entries: readonly EntryFacts[]; container: Record<string, string> },
  rebuild: { entries: readonly EntryFacts[]; container: Record<string, string> },
): ArchiveDiff {
  const byName = (entries: readonly EntryFacts[]) => new Map(entries.map((e) => [e.name, e]));
  const left = byName(release.entries);
  const right = byName(rebuild.entries);
  let onlyInRelease = [...left.keys()].filter((name) => !right.has(name));
  let onlyInRebuild = [...right.keys()].filter((name) => !left.has(name));
  const renamed: Array<{ release: string; rebuild: string }> = [];
  for (const name of onlyInRelease) {
    const data = left.get(name)!.data;
    if (data.length === 0) continue;
    const match = onlyInRebuild.find(
      (other) => !renamed.some((r) => r.rebuild === other) && sameBytes(data, right.get(other)?.data),
    );
    if (match !== undefined) renamed.push({ release: name, rebuild: match });
  }
  onlyInRelease = onlyInRelease.filter((name) => !renamed.some((r) => r.release === name));
  onlyInRebuild = onlyInRebuild.filter((name) => !renamed.some((r) => r.rebuild === name));
  const entries: EntryDifference[] = [];
  for (const [name, a] of left) {
    const b = right.get(name);
    if (!b) continue;
    const content = !sameBytes(a.data, b.data);
    const fields = diffFields(a.fields, b.fields);
    if (content || fields.length > 0) entries.push({ name, fields, content });
  }
  const common = (entries: readonly EntryFacts[], other: Map<string, EntryFacts>) =>
    entries.filter((e) => other.has(e.name)).map((e) => e.name);
  const order = common(release.entries, right).join("\0") !== common(rebuild.entries, left).join("\0");
  return {
    onlyInRelease,
    onlyInRebuild,
    renamed,
    entries,
    order,
    container: diffFields(release.container, rebuild.container),
  };
}
