// Deterministic tar for package payloads: symlinks, owners by name, per-entry mtimes and PAX records.
// The archive writer (archive/formats/tar.ts) stores files and directories only, all owned by root
// with one mtime; packages need more, and dpkg, rpm2archive, apk and pacman read these bytes, so we
// write the format ourselves: no tar library gives byte-stable output across hosts.

const BLOCK = 512;
const NAME_MAX = 100;

export interface TarEntry {
  /** Name as stored, e.g. `./usr/bin/app` (deb) or `usr/bin/app` (apk, arch); directories without "/". */
  readonly name: string;
  readonly type: "file" | "dir" | "symlink";
  /** Permission bits, e.g. 0o755. */
  readonly mode: number;
  readonly owner: string;
  readonly group: string;
  /** Unix seconds. */
  readonly mtime: number;
  readonly data?: Uint8Array;
  readonly linkTarget?: string;
  /** Extra PAX records (apk's `APK-TOOLS.checksum.SHA1`), written in the order given. */
  readonly pax?: readonly (readonly [string, string])[];
}

export interface TarOptions {
  /** Leave out the two end-of-archive blocks: apk's control and signature segments are "cut" tars. */
  readonly cut?: boolean;
}

const TYPEFLAG = { file: "0", dir: "5", symlink: "2", pax: "x" } as const;

function octal(value: number, width: number): string {
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new Error(`tar value ${value} does not fit in ${width} bytes`);
  return `${digits.padStart(width - 1, "0")}\0`;
}

interface Header {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly type: string;
  readonly linkName: string;
  readonly owner: string;
  readonly group: string;
}

function headerBlock(h: Header): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(h.name, 0, NAME_MAX, "utf8");
  block.write(octal(h.mode & 0o7777, 8), 100, "latin1");
  // Numeric ids are 0: package managers map owner and group by name, and a build user's ids
  // must not leak into the package.
  block.write(octal(0, 8), 108, "latin1");
  block.write(octal(0, 8), 116, "latin1");
  block.write(octal(h.size, 12), 124, "latin1");
  block.write(octal(h.mtime, 12), 136, "latin1");
  block.write(h.type, 156, "latin1");
  block.write(h.linkName, 157, NAME_MAX, "utf8");
  block.write("ustar\0", 257, "latin1");
  block.write("00", 263, "latin1");
  block.write(h.owner, 265, 32, "utf8");
  block.write(h.group, 297, 32, "utf8");
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

function paxRecord(key: string, value: string): Buffer {
  const body = Buffer.from(` ${key}=${value}\n`, "utf8");
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

function padded(data: Uint8Array): Uint8Array[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [data] : [data, Buffer.alloc(BLOCK - rest)];
}

function entryBlocks(entry: TarEntry): Uint8Array[] {
  const name = entry.type === "dir" ? `${entry.name}/` : entry.name;
  const linkName = entry.linkTarget ?? "";
  const data = entry.type === "file" ? (entry.data ?? new Uint8Array(0)) : new Uint8Array(0);
  const records: Buffer[] = [];
  if (Buffer.byteLength(name) > NAME_MAX) records.push(paxRecord("path", name));
  if (Buffer.byteLength(linkName) > NAME_MAX) records.push(paxRecord("linkpath", linkName));
  for (const [key, value] of entry.pax ?? []) records.push(paxRecord(key, value));
  const blocks: Uint8Array[] = [];
  if (records.length > 0) {
    const body = Buffer.concat(records);
    // The PAX header's own name is derived from the entry, never from a process id as GNU tar does.
    const base = name.replace(/\/$/, "").split("/").pop() ?? "";
    blocks.push(
      headerBlock({
        name: `PaxHeaders/${base}`.slice(0, NAME_MAX),
        mode: 0o644,
        size: body.length,
        mtime: entry.mtime,
        type: TYPEFLAG.pax,
        linkName: "",
        owner: entry.owner,
        group: entry.group,
      }),
      ...padded(body),
    );
  }
  blocks.push(
    headerBlock({
      name: truncate(name),
      mode: entry.mode,
      size: data.length,
      mtime: entry.mtime,
      type: TYPEFLAG[entry.type],
      linkName: truncate(linkName),
      owner: entry.owner,
      group: entry.group,
    }),
  );
  if (data.length > 0) blocks.push(...padded(data));
  return blocks;
}

/** A name shortened to the 100-byte field without cutting a UTF-8 character; PAX carries the full one. */
function truncate(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= NAME_MAX) return text;
  let end = NAME_MAX;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/** Writes the entries in the order given (callers sort them) as a ustar archive with PAX records. */
export function writePackageTar(entries: readonly TarEntry[], options: TarOptions = {}): Buffer {
  const blocks = entries.flatMap(entryBlocks);
  if (!options.cut) blocks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(blocks);
}
