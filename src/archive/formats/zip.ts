// Deterministic zip writer: no extra fields, UTC DOS times and Unix modes, so the bytes depend only on the input.
// Node built-ins only: byte-stable output is the guarantee no archive library gives us.

import { promisify } from "node:util";
import { crc32, deflateRaw } from "node:zlib";
import { type ArchiveEntry, type ArchiveOptions, DEFAULT_LEVEL, prepareEntries, utf8 } from "./entry.js";

// The async form runs on libuv's thread pool, so other targets keep building while we compress.
const deflateRawAsync = promisify(deflateRaw);

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** Version 2.0 covers deflate and directories; one value for every entry keeps the headers uniform. */
const VERSION = 20;
/** High byte 3 says "Unix", which tells unzip to restore the mode from the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION;
/** General-purpose flag bit 11: the name is UTF-8. */
const FLAG_UTF8 = 0x800;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MSDOS_DIRECTORY = 0x10;
const UINT16_MAX = 0xffff;
const UINT32_MAX = 0xffffffff;

/** 1980-01-01T00:00:00Z and 2107-12-31T23:59:58Z, the range MS-DOS dates can hold. */
const DOS_MIN = Date.UTC(1980, 0, 1) / 1000;
const DOS_MAX = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;

/**
 * MS-DOS date and time fields for a Unix time, read in UTC: DOS times carry no zone, so reading
 * them in local time would make the archive depend on the TZ of the machine. Times outside
 * 1980..2107 are clamped and odd seconds are rounded down (DOS stores seconds / 2).
 */
export function dosDateTime(unixSeconds: number): { date: number; time: number } {
  const clamped = Math.min(Math.max(Math.floor(unixSeconds), DOS_MIN), DOS_MAX);
  const at = new Date(clamped * 1000);
  return {
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

interface Member {
  readonly name: Uint8Array;
  /** MS-DOS date and time of this entry. */
  readonly date: number;
  readonly time: number;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly body: Uint8Array;
  readonly externalAttrs: number;
}

async function toMember(entry: ArchiveEntry, level: number, defaultMtime: number): Promise<Member> {
  const { date, time } = dosDateTime(entry.mtime ?? defaultMtime);
  const isDir = entry.kind === "dir";
  const name = utf8(isDir ? `${entry.path}/` : entry.path);
  // Set bit 11 only when it changes the meaning, so ASCII names look the same as from any zip tool.
  const flags = name.every((byte) => byte < 0x80) ? 0 : FLAG_UTF8;
  const permissions = entry.mode & 0o7777;
  // Multiply rather than shift: `<< 16` would turn S_IFREG into a negative 32-bit number.
  // Owner and group have no place in a zip header (GoReleaser drops them there too).
  const externalAttrs = isDir
    ? (S_IFDIR | permissions) * 0x10000 + MSDOS_DIRECTORY
    : ((entry.kind === "symlink" ? S_IFLNK : S_IFREG) | permissions) * 0x10000;
  // A zip symlink is an entry whose content is the target, marked by its Unix mode.
  const data = entry.kind === "symlink" ? utf8(entry.linkTarget ?? "") : (entry.data ?? new Uint8Array(0));
  if (isDir)
    return { name, date, time, flags, method: METHOD_STORE, crc: 0, size: 0, body: data, externalAttrs };
  if (entry.kind === "symlink") {
    const crc = crc32(data);
    return {
      name,
      date,
      time,
      flags,
      method: METHOD_STORE,
      crc,
      size: data.length,
      body: data,
      externalAttrs,
    };
  }
  const deflated = await deflateRawAsync(data, { level });
  // Storing is chosen by size alone, a pure function of the input, so the choice is reproducible too.
  const stored = deflated.length >= data.length;
  return {
    name,
    date,
    time,
    flags,
    method: stored ? METHOD_STORE : METHOD_DEFLATE,
    crc: crc32(data),
    size: data.length,
    body: stored ? data : deflated,
    externalAttrs,
  };
}

/** The fields local and central headers share, from "version needed" to "extra field length". */
function commonFields(member: Member): Buffer {
  const { date, time } = member;
  const out = Buffer.alloc(26);
  out.writeUInt16LE(VERSION, 0);
  out.writeUInt16LE(member.flags, 2);
  out.writeUInt16LE(member.method, 4);
  out.writeUInt16LE(time, 6);
  out.writeUInt16LE(date, 8);
  out.writeUInt32LE(member.crc, 10);
  out.writeUInt32LE(member.body.length, 14);
  out.writeUInt32LE(member.size, 18);
  out.writeUInt16LE(member.name.length, 22);
  // Extra field length stays 0: timestamps (0x5455) and uid/gid (0x7875) would leak host metadata.
  out.writeUInt16LE(0, 24);
  return out;
}

function checkLimits(member: Member, offset: number): void {
  // Zip64 is not written: a release archive that needs it is far outside what goship ships.
  if (member.body.length > UINT32_MAX || member.size > UINT32_MAX || offset > UINT32_MAX) {
    throw new Error(`zip entry ${Buffer.from(member.name).toString()} needs Zip64, which is not supported`);
  }
}

/**
 * Writes a zip archive of the entries, sorted by path in byte order: local headers, the central
 * directory and the end record, with no extra fields, no data descriptors and an empty comment.
 * Files are deflated at `options.level`, or stored when deflate does not make them smaller.
 */
export async function writeZip(entries: readonly ArchiveEntry[], options: ArchiveOptions): Promise<Buffer> {
  const sorted = prepareEntries(entries, options);
  if (sorted.length > UINT16_MAX) {
    throw new Error(`zip archives without Zip64 hold at most ${UINT16_MAX} entries, got ${sorted.length}`);
  }
  const level = options.level ?? DEFAULT_LEVEL;
  const members = await Promise.all(sorted.map((entry) => toMember(entry, level, options.mtime)));

  // Uint8Array chunks, so each file body is copied once, by the final concat.
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    checkLimits(member, offset);
    const fields = commonFields(member);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    locals.push(local, fields, member.name, member.body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.set(fields, 6);
    // Bytes 32..37 stay 0: comment length, disk number start and internal attributes.
    central.writeUInt32LE(member.externalAttrs, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, member.name);

    offset += 4 + fields.length + member.name.length + member.body.length;
  }

  const centralSize = centrals.reduce((total, part) => total + part.length, 0);
  if (offset > UINT32_MAX || centralSize > UINT32_MAX) {
    throw new Error("zip archive needs Zip64, which is not supported");
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  // Comment length (bytes 20..21) stays 0.
  return Buffer.concat([...locals, ...centrals, end]);
}
