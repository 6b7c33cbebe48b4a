// The Unix `ar` container of a .deb. Written here because it is 60-byte headers and padding, and
// dpkg reads only this common format: no library is needed to get it byte-stable.

export interface ArMember {
  readonly name: string;
  readonly data: Uint8Array;
}

function field(value: string, width: number): string {
  if (value.length > width)
    throw new Error(`ar field ${JSON.stringify(value)} is longer than ${width} bytes`);
  return value.padEnd(width, " ");
}

/** `!<arch>\n`, then each member with mode 0644, uid/gid 0 and the given mtime, padded to even size. */
export function writeAr(members: readonly ArMember[], mtime: number): Buffer {
  const parts: Uint8Array[] = [Buffer.from("!<arch>\n", "latin1")];
  for (const member of members) {
    const header =
      field(member.name, 16) +
      field(String(mtime), 12) +
      field("0", 6) +
      field("0", 6) +
      field("100644", 8) +
      field(String(member.data.length), 10) +
      "`\n";
    parts.push(Buffer.from(header, "latin1"), member.data);
    if (member.data.length % 2 === 1) parts.push(Buffer.from("\n", "latin1"));
  }
  return Buffer.concat(parts);
}

/** Splits an ar archive back into its members (for verify and tests). */
export function readAr(bytes: Uint8Array): ArMember[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString("latin1", 0, 8) !== "!<arch>\n") throw new Error("not an ar archive");
  const members: ArMember[] = [];
  let offset = 8;
  while (offset + 60 <= buffer.length) {
    const name = buffer.toString("latin1", offset, offset + 16).trimEnd();
    const size = Number.parseInt(buffer.toString("latin1", offset + 48, offset + 58).trim(), 10);
    if (!Number.isSafeInteger(size) || buffer.toString("latin1", offset + 58, offset + 60) !== "`\n") {
      throw new Error(`ar member header at byte ${offset} is damaged`);
    }
    const start = offset + 60;
    if (start + size > buffer.length) throw new Error(`ar member ${name} is truncated`);
    members.push({ name, data: buffer.subarray(start, start + size) });
    offset = start + size + (size % 2);
  }
  return members;
}
