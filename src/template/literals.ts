// Go literal syntax inside actions: interpreted and raw strings, character constants and numbers.
import { GoFloat } from "./values.js";

/** A literal that cannot be read; the parser turns it into a TemplateError at the literal. */
export class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The value of a quoted literal token: "…" with Go escapes, or `…` raw (where Go drops \r). */
export function unquote(token: string): string {
  if (token.startsWith("`")) return token.slice(1, -1).replaceAll("\r", "");
  const bytes = readEscaped(token.slice(1, -1), '"');
  return Buffer.from(bytes).toString("utf8");
}

/** The code point of a character constant such as 'a' or '\n'. */
export function unquoteChar(token: string): number {
  const body = token.slice(1, -1);
  if (body.startsWith("\\")) {
    const bytes = readEscaped(body, "'");
    const text = Buffer.from(bytes).toString("utf8");
    const codePoint = text.codePointAt(0);
    if (codePoint === undefined || String.fromCodePoint(codePoint) !== text) {
      // \x and octal escapes stand for one byte, which is its own value in a character constant.
      if (bytes.length === 1) return bytes[0]!;
      throw new LiteralError(`malformed character constant: ${token}`);
    }
    return codePoint;
  }
  const codePoint = body.codePointAt(0);
  if (codePoint === undefined || String.fromCodePoint(codePoint) !== body) {
    throw new LiteralError(`malformed character constant: ${token}`);
  }
  return codePoint;
}

function readEscaped(body: string, quote: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c !== "\\") {
      const codePoint = body.codePointAt(i)!;
      bytes.push(...Buffer.from(String.fromCodePoint(codePoint), "utf8"));
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    i += 2;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]!);
    else if (e === quote) bytes.push(quote.charCodeAt(0));
    else if (e === "x" || e === "u" || e === "U") {
      const width = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i, i + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
        throw new LiteralError(`invalid escape \\${e}${hex}`);
      i += width;
      const value = Number.parseInt(hex, 16);
      if (e === "x") bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) {
        throw new LiteralError(`invalid Unicode escape \\${e}${hex}`);
      } else bytes.push(...Buffer.from(String.fromCodePoint(value), "utf8"));
    } else if (/[0-7]/.test(e)) {
      const octal = e + body.slice(i, i + 2);
      const value = Number.parseInt(octal, 8);
      if (!/^[0-7]{3}$/.test(octal) || value > 255) throw new LiteralError(`invalid octal escape \\${octal}`);
      i += 2;
      bytes.push(value);
    } else {
      throw new LiteralError(`unknown escape sequence \\${e}`);
    }
  }
  return bytes;
}

/**
 * A number literal as Go's template engine types it where no type is expected: integers are
 * `int` (a number, or a bigint beyond 2^53) and anything written with `.`, `e` or `p` is a float64.
 */
export function parseNumber(text: string): number | bigint | GoFloat {
  if (text.startsWith("'")) return unquoteChar(text);
  if (text.endsWith("i") && !/^[-+]?0[xX]/.test(text)) {
    throw new LiteralError(`complex number ${text} is not supported`);
  }
  const negative = text.startsWith("-");
  const body = text.replace(/^[-+]/, "");
  // Underscores may only separate digits (or follow a base prefix), as in Go source.
  if (/^_|_$|__|_\.|\._/.test(body.replace(/^0[xXoObB]_/, "0x"))) {
    throw new LiteralError(`illegal number syntax: ${JSON.stringify(text)}`);
  }
  const digits = body.replaceAll("_", "");
  const integer = toBigInt(digits);
  if (integer !== undefined) {
    const value = negative ? -integer : integer;
    if (value < INT64_MIN || value > INT64_MAX) throw new LiteralError(`${text} overflows int`);
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
  const float = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)$/.test(digits)
    ? Number(digits)
    : Number.NaN;
  if (Number.isNaN(float)) throw new LiteralError(`illegal number syntax: ${JSON.stringify(text)}`);
  return new GoFloat(negative ? -float : float);
}

function toBigInt(digits: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$|^[1-9][0-9]*$|^0$/.test(digits)) {
    return BigInt(digits.replace(/^0[XOB]/, (p) => p.toLowerCase()));
  }
  // A leading 0 means octal, as in Go's ParseInt with base 0.
  if (/^0[0-7]+$/.test(digits)) return BigInt(`0o${digits.slice(1)}`);
  return undefined;
}
