// The checksums file in `sha256sum` format: writing it byte-stable, reading it back, and hashing.
// Node built-ins only: byte-stable output is the guarantee no library gives us.

export { type ChecksumAlgorithm, digestHex, sha256Hex } from "../artifacts/digest.js";

/** One line of a checksums file: a lowercase hex digest and the file name it covers. */
export interface ChecksumLine {
  readonly name: string;
  readonly hex: string;
}

/** Hex digest lengths of the algorithms goship writes: sha256 and sha512. */
const HEX_LENGTHS = new Set([64, 128]);

function nameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  // sha256sum escapes these with a leading "\" and many verifiers do not undo it; refuse instead.
  if (/[\n\r\\]/.test(name)) return "it contains a newline, carriage return or backslash";
  return undefined;
}

/** `"<hex>  <name>\n"`: two spaces, text mode, exactly what `sha256sum` prints and `sha256sum -c` reads. */
export function formatChecksumLine(hex: string, fileName: string): string {
  if (!/^[0-9a-f]+$/.test(hex) || !HEX_LENGTHS.has(hex.length)) {
    throw new Error(`checksum ${JSON.stringify(hex)} must be a lowercase sha256 or sha512 hex digest`);
  }
  const problem = nameProblem(fileName);
  if (problem !== undefined) {
    throw new Error(`cannot list ${JSON.stringify(fileName)} in a checksums file: ${problem}`);
  }
  return `${hex}  ${fileName}\n`;
}

/** Byte order of the UTF-8 names, so the file is the same whatever the locale or input order. */
function compareNames(a: ChecksumLine, b: ChecksumLine): number {
  return Buffer.compare(Buffer.from(a.name, "utf8"), Buffer.from(b.name, "utf8"));
}

/**
 * The whole checksums file: one line per file, sorted by name in byte order so that the file,
 * and any signature over it, is deterministic. Throws on a name listed twice.
 */
export function formatChecksumsFile(lines: readonly ChecksumLine[]): string {
  const sorted = [...lines].sort(compareNames);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.name === sorted[i - 1]?.name) {
      throw new Error(`${JSON.stringify(sorted[i]?.name)} is listed twice in the checksums file`);
    }
  }
  return sorted.map((line) => formatChecksumLine(line.hex, line.name)).join("");
}

const LINE = /^([0-9a-fA-F]+) ([ *])(.*)$/;

/**
 * Reads a checksums file as written by goship, `sha256sum` or `sha512sum`: text-mode ("  ") and
 * binary-mode (" *") lines are both accepted, blank lines and CRLF endings are tolerated, and
 * digests come back in lowercase. Throws with the line number on anything else.
 */
export function parseChecksumsFile(text: string): ChecksumLine[] {
  const result: ChecksumLine[] = [];
  const seen = new Set<string>();
  const rows = text.split("\n");
  for (const [index, raw] of rows.entries()) {
    const row = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (row.trim() === "") continue;
    const where = `checksums file line ${index + 1}`;
    const match = LINE.exec(row);
    const hex = match?.[1]?.toLowerCase();
    const name = match?.[3] ?? "";
    if (hex === undefined || !HEX_LENGTHS.has(hex.length)) {
      throw new Error(`${where}: expected "<sha256 or sha512 hex>  <file name>", got ${JSON.stringify(row)}`);
    }
    const problem = nameProblem(name);
    if (problem !== undefined) throw new Error(`${where}: bad file name ${JSON.stringify(name)}: ${problem}`);
    if (seen.has(name)) throw new Error(`${where}: ${JSON.stringify(name)} is listed twice`);
    seen.add(name);
    result.push({ name, hex });
  }
  return result;
}
