// Go's string rules on raw bytes: UTF-8 decoding as Go does it, strconv.Quote and strconv.Unquote.
//
// Go strings are bytes, not text. Work happens on "byte strings" (one char per byte) so that
// quoting is byte-exact; public values are ordinary strings in which each byte of invalid UTF-8 is
// kept as a lone surrogate U+DC80..U+DCFF, so nothing is lost on the way back to bytes.

const HEX = "0123456789abcdef";
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** Go's utf8.DecodeRune over a byte string: [rune, width], rune -1 for one invalid byte. */
export function decodeRune(s: string, i: number): [number, number] {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  if (b0 < 0xc2 || b0 > 0xf4) return [-1, 1];
  const cont = (at: number, lo = 0x80, hi = 0xbf): number => {
    const b = at < s.length ? s.charCodeAt(at) : -1;
    return b >= lo && b <= hi ? b & 0x3f : -1;
  };
  if (b0 < 0xe0) {
    const c1 = cont(i + 1);
    return c1 < 0 ? [-1, 1] : [((b0 & 0x1f) << 6) | c1, 2];
  }
  if (b0 < 0xf0) {
    // E0 must not be overlong, ED must not encode a surrogate.
    const c1 = cont(i + 1, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf);
    const c2 = cont(i + 2);
    return c1 < 0 || c2 < 0 ? [-1, 1] : [((b0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  }
  const c1 = cont(i + 1, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf);
  const c2 = cont(i + 2);
  const c3 = cont(i + 3);
  if (c1 < 0 || c2 < 0 || c3 < 0) return [-1, 1];
  return [((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
}

function encodeRune(r: number): string {
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r < 0x10000) {
    return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  }
  return String.fromCharCode(
    0xf0 | (r >> 18),
    0x80 | ((r >> 12) & 0x3f),
    0x80 | ((r >> 6) & 0x3f),
    0x80 | (r & 0x3f),
  );
}

/** Go's strconv.IsPrint: exact for Latin-1, Unicode categories L, M, N, P, S above it. */
export function isPrint(r: number): boolean {
  if (r <= 0xff) return (r >= 0x20 && r <= 0x7e) || (r >= 0xa1 && r <= 0xff && r !== 0xad);
  return PRINTABLE.test(String.fromCodePoint(r));
}

function hex(value: number, digits: number): string {
  let out = "";
  for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += HEX[(value >>> shift) & 0xf];
  return out;
}

/** strconv.Quote over a byte string. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const [r, width] = decodeRune(s, i);
    if (r < 0) {
      out += `\\x${hex(s.charCodeAt(i), 2)}`;
    } else if (r === 0x22 || r === 0x5c) {
      out += `\\${s[i]}`;
    } else if (isPrint(r)) {
      out += s.slice(i, i + width);
    } else {
      out += escapeRune(r);
    }
    i += width;
  }
  return `${out}"`;
}

function escapeRune(r: number): string {
  switch (r) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  if (r < 0x10000) return `\\u${hex(r, 4)}`;
  return `\\U${hex(r, 8)}`;
}

function isValidUtf8(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const [r, width] = decodeRune(s, i);
    if (r < 0) return false;
    i += width;
  }
  return true;
}

const unhex = (c: string): number => {
  const v = Number.parseInt(c, 16);
  return /^[0-9a-fA-F]$/.test(c) ? v : -1;
};

/** One char of a quoted string (strconv.UnquoteChar); undefined on a syntax error. */
function unquoteChar(s: string, i: number, q: string): { bytes: string; next: number } | undefined {
  const c = s[i];
  if (c === undefined || c === q) return undefined;
  const code = s.charCodeAt(i);
  if (code >= 0x80) {
    const [r, width] = decodeRune(s, i);
    // An invalid byte becomes U+FFFD, exactly as Go's unquote appends utf8.RuneError.
    return { bytes: encodeRune(r < 0 ? 0xfffd : r), next: i + width };
  }
  if (c !== "\\") return { bytes: c, next: i + 1 };
  const e = s[i + 1];
  if (e === undefined) return undefined;
  const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  if (e in simple) return { bytes: simple[e]!, next: i + 2 };
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    if (i + 2 + n > s.length) return undefined;
    let v = 0;
    for (let j = 0; j < n; j++) {
      const d = unhex(s[i + 2 + j]!);
      if (d < 0) return undefined;
      v = v * 16 + d;
    }
    if (e === "x") return { bytes: String.fromCharCode(v), next: i + 2 + n };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
    return { bytes: encodeRune(v), next: i + 2 + n };
  }
  if (e >= "0" && e <= "7") {
    if (i + 4 > s.length) return undefined;
    let v = e.charCodeAt(0) - 48;
    for (let j = 2; j < 4; j++) {
      const d = s.charCodeAt(i + j) - 48;
      if (d < 0 || d > 7) return undefined;
      v = v * 8 + d;
    }
    return v > 255 ? undefined : { bytes: String.fromCharCode(v), next: i + 4 };
  }
  if (e === "\\") return { bytes: "\\", next: i + 2 };
  if (e === "'" || e === '"') return e === q ? { bytes: e, next: i + 2 } : undefined;
  return undefined;
}

/** strconv's unquote: the value and the length of the quoted prefix, or undefined. */
function unquotePrefix(s: string): { value: string; length: number } | undefined {
  const q = s[0];
  if (s.length < 2 || (q !== '"' && q !== "`")) return undefined;
  const close = s.indexOf(q, 1);
  if (close < 0) return undefined;
  const end = close + 1;
  if (q === "`") return { value: s.slice(1, close).replaceAll("\r", ""), length: end };
  const fast = s.slice(1, close);
  if (!fast.includes("\\") && !fast.includes("\n") && isValidUtf8(fast)) return { value: fast, length: end };
  let value = "";
  let i = 1;
  while (i < s.length && s[i] !== q) {
    if (s[i] === "\n") return undefined;
    const next = unquoteChar(s, i, q);
    if (next === undefined) return undefined;
    value += next.bytes;
    i = next.next;
  }
  if (i >= s.length) return undefined;
  return { value, length: i + 1 };
}

/** strconv.Unquote for `"…"` and backquoted byte strings; undefined on a syntax error. */
export function unquote(s: string): string | undefined {
  const result = unquotePrefix(s);
  return result !== undefined && result.length === s.length ? result.value : undefined;
}

/** strconv.QuotedPrefix: the quoted string at the start of `s`, quotes included. */
export function quotedPrefix(s: string): string | undefined {
  const result = unquotePrefix(s);
  return result === undefined ? undefined : s.slice(0, result.length);
}

/** Bytes (as a byte string) to a public string; invalid UTF-8 bytes become U+DC80..U+DCFF. */
export function fromByteString(s: string): string {
  // Pure ASCII, the usual case, needs no decoding at all.
  if (isAscii(s)) return s;
  const bytes = Buffer.from(s, "latin1");
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    let out = "";
    for (let i = 0; i < s.length; ) {
      const [r, width] = decodeRune(s, i);
      out += String.fromCodePoint(r < 0 ? 0xdc00 + s.charCodeAt(i) : r);
      i += width;
    }
    return out;
  }
}

/** The inverse of `fromByteString`. */
export function toByteString(s: string): string {
  if (isAscii(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A paired low surrogate was consumed with its high half below, so this one stands alone.
    if (c >= 0xdc80 && c <= 0xdcff) {
      out += String.fromCharCode(c - 0xdc00);
    } else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out += encodeRune(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
    }
  }
  return out;
}

/** The exact bytes a public string stands for (what goship writes to stdout). */
export function encodeGoString(s: string): Uint8Array {
  return Buffer.from(toByteString(s), "latin1");
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
