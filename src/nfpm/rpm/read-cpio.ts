// Reads a cpio "newc" archive into name → content (for verify and tests).

export function readCpio(bytes: Uint8Array): Map<string, Uint8Array> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  const align = (n: number) => (n + 3) & ~3;
  while (offset + 110 <= buffer.length) {
    if (buffer.toString("latin1", offset, offset + 6) !== "070701")
      throw new Error(`cpio header expected at byte ${offset}`);
    const field = (i: number) =>
      Number.parseInt(buffer.toString("latin1", offset + 6 + 8 * i, offset + 14 + 8 * i), 16);
    const size = field(6);
    const nameSize = field(11);
    const name = buffer.toString("utf8", offset + 110, offset + 110 + nameSize - 1);
    const start = align(offset + 110 + nameSize);
    if (name === "TRAILER!!!") break;
    files.set(name, buffer.subarray(start, start + size));
    offset = align(start + size);
  }
  return files;
}
