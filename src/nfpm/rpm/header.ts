// The rpm header structure (rpm's docs/manual/format_v4.md): index entries, an aligned data store
// and a region trailer. Written here because no JavaScript library writes rpm headers at all.

export const TYPE = {
  int16: 3,
  int32: 4,
  int64: 5,
  string: 6,
  bin: 7,
  stringArray: 8,
  i18nString: 9,
} as const;

export type HeaderValue =
  | { readonly type: "int16" | "int32"; readonly values: readonly number[] }
  | { readonly type: "string" | "i18nString"; readonly value: string }
  | { readonly type: "stringArray"; readonly values: readonly string[] }
  | { readonly type: "bin"; readonly value: Uint8Array };

const MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]);
const ALIGN: Readonly<Record<HeaderValue["type"], number>> = {
  int16: 2,
  int32: 4,
  string: 1,
  i18nString: 1,
  stringArray: 1,
  bin: 1,
};

function encode(value: HeaderValue): { data: Buffer; count: number } {
  switch (value.type) {
    case "int16": {
      const data = Buffer.alloc(2 * value.values.length);
      for (const [i, v] of value.values.entries()) data.writeUInt16BE(v & 0xffff, 2 * i);
      return { data, count: value.values.length };
    }
    case "int32": {
      const data = Buffer.alloc(4 * value.values.length);
      for (const [i, v] of value.values.entries()) data.writeUInt32BE(v >>> 0, 4 * i);
      return { data, count: value.values.length };
    }
    case "string":
    case "i18nString":
      return { data: Buffer.from(`${value.value}\0`, "utf8"), count: 1 };
    case "stringArray":
      return {
        data: Buffer.from(value.values.map((v) => `${v}\0`).join(""), "utf8"),
        count: value.values.length,
      };
    case "bin":
      return { data: Buffer.from(value.value), count: value.value.length };
  }
}

function entry(tag: number, type: number, offset: number, count: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(tag, 0);
  bytes.writeUInt32BE(type, 4);
  bytes.writeInt32BE(offset, 8);
  bytes.writeUInt32BE(count, 12);
  return bytes;
}

/**
 * A header whose entries sit in one region `regionTag` (62 for the signature header, 63 for the
 * main one). Entries are sorted by tag and their data laid out in that order, each aligned to its
 * type, as rpm's reader checks; the region trailer closes the data store.
 */
export function writeHeader(regionTag: number, tags: ReadonlyMap<number, HeaderValue>): Buffer {
  const sorted = [...tags.entries()].sort(([a], [b]) => a - b);
  const index: Buffer[] = [];
  const store: Buffer[] = [];
  let size = 0;
  for (const [tag, value] of sorted) {
    const align = ALIGN[value.type];
    const pad = (align - (size % align)) % align;
    if (pad > 0) {
      store.push(Buffer.alloc(pad));
      size += pad;
    }
    const { data, count } = encode(value);
    index.push(entry(tag, TYPE[value.type], size, count));
    store.push(data);
    size += data.length;
  }
  const entries = sorted.length + 1;
  // The trailer's negative offset says how many index entries the region covers.
  const trailer = entry(regionTag, TYPE.bin, -16 * entries, 16);
  const region = entry(regionTag, TYPE.bin, size, 16);
  const counts = Buffer.alloc(8);
  counts.writeUInt32BE(entries, 0);
  counts.writeUInt32BE(size + 16, 4);
  return Buffer.concat([MAGIC, counts, region, ...index, ...store, trailer]);
}

/** Reads a header's tags back (for verify and tests); returns the header's length too. */
export function readHeader(
  bytes: Buffer,
  offset: number,
): { tags: Map<number, HeaderValue>; length: number } {
  if (!bytes.subarray(offset, offset + 3).equals(MAGIC.subarray(0, 3)))
    throw new Error("rpm header magic not found");
  const count = bytes.readUInt32BE(offset + 8);
  const size = bytes.readUInt32BE(offset + 12);
  const storeStart = offset + 16 + 16 * count;
  if (storeStart + size > bytes.length) throw new Error("rpm header is truncated");
  const tags = new Map<number, HeaderValue>();
  for (let i = 0; i < count; i++) {
    const at = offset + 16 + 16 * i;
    const tag = bytes.readUInt32BE(at);
    const type = bytes.readUInt32BE(at + 4);
    const start = storeStart + bytes.readInt32BE(at + 8);
    const n = bytes.readUInt32BE(at + 12);
    const strings = (): string[] => {
      const out: string[] = [];
      let p = start;
      for (let k = 0; k < n; k++) {
        const end = bytes.indexOf(0, p);
        out.push(bytes.toString("utf8", p, end));
        p = end + 1;
      }
      return out;
    };
    if (type === TYPE.int16)
      tags.set(tag, {
        type: "int16",
        values: Array.from({ length: n }, (_, k) => bytes.readUInt16BE(start + 2 * k)),
      });
    else if (type === TYPE.int32)
      tags.set(tag, {
        type: "int32",
        values: Array.from({ length: n }, (_, k) => bytes.readUInt32BE(start + 4 * k)),
      });
    else if (type === TYPE.string) tags.set(tag, { type: "string", value: strings()[0] ?? "" });
    else if (type === TYPE.i18nString) tags.set(tag, { type: "i18nString", value: strings()[0] ?? "" });
    else if (type === TYPE.stringArray) tags.set(tag, { type: "stringArray", values: strings() });
    else if (type === TYPE.bin && i > 0)
      tags.set(tag, { type: "bin", value: bytes.subarray(start, start + n) });
  }
  return { tags, length: 16 + 16 * count + size };
}
