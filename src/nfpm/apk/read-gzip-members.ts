// Splits concatenated gzip members (an .apk) into each member's compressed and plain bytes.
import { inflateRawSync } from "node:zlib";

export interface GzipMember {
  readonly compressed: Buffer;
  readonly data: Buffer;
}

export function readGzipMembers(bytes: Buffer): GzipMember[] {
  const members: GzipMember[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0x1f || bytes[offset + 1] !== 0x8b || bytes[offset + 3] !== 0) {
      throw new Error(`no plain gzip member at byte ${offset}`);
    }
    // inflateRawSync reports how much input the deflate stream used, which tells where it ends.
    const result = inflateRawSync(bytes.subarray(offset + 10), { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    const end = offset + 10 + result.engine.bytesWritten + 8;
    members.push({ compressed: bytes.subarray(offset, end), data: result.buffer });
    offset = end;
  }
  return members;
}
