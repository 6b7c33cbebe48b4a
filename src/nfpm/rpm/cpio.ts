// cpio "newc" (070701), the payload of an rpm. rpm reads only this one well-defined layout, so
// writing it here is simpler than any dependency and byte-stable by construction.

export interface CpioEntry {
  /** `./usr/bin/app`. */
  readonly name: string;
  /** Full st_mode: type bits and permissions. */
  readonly mode: number;
  readonly mtime: number;
  readonly data: Uint8Array;
  readonly nlink: number;
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}

function pad4(length: number): Buffer {
  return Buffer.alloc((4 - (length % 4)) % 4);
}

function record(name: string, ino: number, entry: Omit<CpioEntry, "name">): Buffer[] {
  const nameBytes = Buffer.from(`${name}\0`, "utf8");
  // uid and gid are 0: rpm takes owners from the header's user and group names, never from here.
  const fields = [
    ino,
    entry.mode,
    0,
    0,
    entry.nlink,
    entry.mtime,
    entry.data.length,
    0,
    0,
    0,
    0,
    nameBytes.length,
    0,
  ];
  const header = Buffer.from(`070701${fields.map(hex8).join("")}`, "latin1");
  return [
    header,
    nameBytes,
    pad4(header.length + nameBytes.length),
    Buffer.from(entry.data),
    pad4(entry.data.length),
  ];
}

/** The archive with inode numbers 1.. in order, then the `TRAILER!!!` record. */
export function writeCpio(entries: readonly CpioEntry[]): Buffer {
  const parts = entries.flatMap((entry, i) => record(entry.name, i + 1, entry));
  parts.push(...record("TRAILER!!!", 0, { mode: 0, mtime: 0, data: new Uint8Array(0), nlink: 1 }));
  return Buffer.concat(parts);
}
