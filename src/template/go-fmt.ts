// The parts of Go's fmt that templates reach through print, printf, println and action output:
// the common verbs with flags, width and precision, and Go's inline error forms like %!d(string=x).
import { formatFloat } from "./go-float.js";
import { intOf, kindOf, methodOf, numberOf, sortedKeys, typeName } from "./values.js";

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

const plain = (): Spec => ({
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  width: undefined,
  prec: undefined,
});

/** fmt.Sprint: operands are separated by a space when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = "";
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatArg(arg, "v", plain());
  });
  return out;
}

/** fmt.Sprintln: operands are always separated by a space, and a newline ends the line. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map((arg) => formatArg(arg, "v", plain())).join(" ")}\n`;
}

export function sprintf(format: string, args: readonly unknown[]): string {
  let out = "";
  let argNum = 0;
  let reordered = false;
  let goodIndex = true;
  let i = 0;
  // An explicit argument index such as %[2]s; a bad one prints %!s(BADINDEX).
  const readIndex = (): void => {
    if (!format.startsWith("[", i)) return;
    reordered = true;
    const match = /^\[(\d+)\]/.exec(format.slice(i));
    if (!match || Number(match[1]) < 1 || Number(match[1]) > args.length) {
      const close = format.indexOf("]", i);
      i = close < 0 ? format.length : close + 1;
      goodIndex = false;
      return;
    }
    argNum = Number(match[1]) - 1;
    i += match[0].length;
  };
  const readStar = (): number | undefined => {
    const arg = args[argNum++];
    return kindOf(arg) === "int" ? Number(arg) : undefined;
  };
  while (i < format.length) {
    const percent = format.indexOf("%", i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec = plain();
    for (; i < format.length && "#0+- ".includes(format[i]!); i++) {
      const flag = format[i];
      if (flag === "#") spec.sharp = true;
      else if (flag === "0") spec.zero = true;
      else if (flag === "+") spec.plus = true;
      else if (flag === "-") spec.minus = true;
      else spec.space = true;
    }
    goodIndex = true;
    readIndex();
    if (format[i] === "*") {
      i++;
      spec.width = readStar();
      if (spec.width === undefined) out += "%!(BADWIDTH)";
      else if (spec.width < 0) [spec.minus, spec.width] = [true, -spec.width];
      readIndex();
    } else {
      const digits = /^\d+/.exec(format.slice(i))?.[0];
      if (digits) [spec.width, i] = [Number(digits), i + digits.length];
    }
    if (format[i] === ".") {
      i++;
      readIndex();
      if (format[i] === "*") {
        i++;
        spec.prec = readStar();
        if (spec.prec === undefined || spec.prec < 0) [out, spec.prec] = [`${out}%!(BADPREC)`, undefined];
        readIndex();
      } else {
        const digits = /^\d*/.exec(format.slice(i))![0];
        [spec.prec, i] = [Number(digits || "0"), i + digits.length];
      }
    }
    readIndex();
    spec.zero &&= !spec.minus;
    const codePoint = format.codePointAt(i);
    if (codePoint === undefined) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(codePoint);
    i += verb.length;
    if (verb === "%") out += "%";
    else if (!goodIndex) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else out += formatArg(args[argNum++], verb, spec);
  }
  if (!reordered && argNum < args.length) {
    const extra = args
      .slice(argNum)
      .map((arg) => (arg == null ? "<nil>" : `${typeName(arg)}=${formatArg(arg, "v", plain())}`));
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}

/** One operand formatted with one verb, as fmt's printArg does. */
export function formatArg(value: unknown, verb: string, spec: Spec): string {
  if (verb === "T") return pad(typeName(value), spec);
  const kind = kindOf(value);
  if (kind === "invalid") return verb === "v" ? pad("<nil>", spec) : `%!${verb}(<nil>)`;
  // Go prints the operand of a bad verb with %v, keeping the flags, width and precision.
  const bad = () => `%!${verb}(${typeName(value)}=${formatArg(value, "v", spec)})`;
  switch (kind) {
    case "bool":
      return verb === "t" || verb === "v" ? pad(String(value), spec) : bad();
    case "int":
      return "bcdoOqxXUv".includes(verb) ? formatInteger(intOf(value), verb, spec) : bad();
    case "float":
      return "eEfFgGv".includes(verb) ? formatFloatArg(numberOf(value), verb, spec) : bad();
    case "string":
      return "vsxXq".includes(verb) ? formatString(value as string, verb, spec) : bad();
    case "array":
      return `[${(value as unknown[]).map((v) => formatArg(v, verb, spec)).join(" ")}]`;
    case "map": {
      const map = value as Record<string, unknown>;
      const entries = sortedKeys(map).map(
        (k) => `${formatArg(k, verb, spec)}:${formatArg(map[k], verb, spec)}`,
      );
      return `map[${entries.join(" ")}]`;
    }
    case "struct": {
      // A value with a String method prints through it, like a Go fmt.Stringer.
      const stringer = methodOf(value as object, "String");
      if (stringer && "vsxXq".includes(verb)) return formatString(String(stringer()), verb, spec);
      const fields = Object.values(value as object).map((v) => formatArg(v, verb, spec));
      return `{${fields.join(" ")}}`;
    }
    default:
      return bad();
  }
}

function pad(text: string, spec: Spec, zeroAllowed = true): string {
  const length = [...text].length;
  if (spec.width === undefined || length >= spec.width) return text;
  const fill = (spec.zero && zeroAllowed ? "0" : " ").repeat(spec.width - length);
  return spec.minus ? text + fill : fill + text;
}

function formatInteger(n: bigint, verb: string, spec: Spec): string {
  if (verb === "c") return pad(codePointString(n), spec);
  if (verb === "q") return pad(quoteRune(Number(n)), spec);
  if (verb === "U") {
    const hex = `U+${n.toString(16).toUpperCase().padStart(4, "0")}`;
    return pad(spec.sharp ? `${hex} '${codePointString(n)}'` : hex, spec);
  }
  const base = verb === "b" ? 2 : verb === "o" || verb === "O" ? 8 : verb === "x" || verb === "X" ? 16 : 10;
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  const spaces = { ...spec, zero: false };
  if (spec.prec === 0 && n === 0n) return pad("", spaces);
  // Zero padding fills the width less the sign, before any 0x prefix, as Go does; a precision replaces it.
  if (spec.prec !== undefined) digits = digits.padStart(spec.prec, "0");
  else if (spec.zero && spec.width !== undefined) digits = digits.padStart(spec.width - sign.length, "0");
  let prefix = "";
  if (verb === "O") prefix = "0o";
  else if (spec.sharp && base === 16) prefix = verb === "X" ? "0X" : "0x";
  else if (spec.sharp && base === 8 && !digits.startsWith("0")) prefix = "0";
  else if (spec.sharp && base === 2) prefix = "0b";
  return pad(sign + prefix + digits, spaces);
}

function formatFloatArg(x: number, verb: string, spec: Spec): string {
  const lower = verb.toLowerCase();
  const goVerb = lower === "v" ? "g" : (lower as "e" | "f" | "g");
  const prec = spec.prec ?? (goVerb === "g" ? -1 : 6);
  const text = formatFloat(x, goVerb, prec);
  const body = text.replace(/^[-+]/, "");
  const optionalSign = spec.plus ? "+" : spec.space ? " " : "";
  // Infinities keep their sign and NaN gets one only on request; neither is padded with zeros.
  if (Number.isNaN(x)) return pad(optionalSign + body, { ...spec, zero: false });
  if (!Number.isFinite(x))
    return pad((x < 0 ? "-" : spec.space && !spec.plus ? " " : "+") + body, { ...spec, zero: false });
  const sign = text.startsWith("-") ? "-" : optionalSign;
  const digits = verb === "E" || verb === "G" ? body.toUpperCase() : body;
  if (spec.zero && spec.width !== undefined) return sign + digits.padStart(spec.width - sign.length, "0");
  return pad(sign + digits, spec);
}

function formatString(s: string, verb: string, spec: Spec): string {
  const text = spec.prec === undefined ? s : [...s].slice(0, spec.prec).join("");
  switch (verb) {
    case "q":
      return pad(spec.sharp && canBackquote(text) ? `\`${text}\`` : quote(text, spec.plus), spec);
    case "x":
    case "X": {
      const hex = [...Buffer.from(text, "utf8")]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join(spec.space ? " " : "");
      return pad(verb === "X" ? hex.toUpperCase() : hex, spec);
    }
    default:
      return pad(text, spec);
  }
}

function codePointString(n: bigint): string {
  const c = Number(n);
  return c >= 0 && c <= 0x10ffff && !(c >= 0xd800 && c < 0xe000) ? String.fromCodePoint(c) : "\ufffd";
}

const NAMED_ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
};

function escapeCodePoint(c: number, quoteChar: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(c);
  if (ch === quoteChar || ch === "\\") return `\\${ch}`;
  if ((!asciiOnly || c < 0x80) && isPrintable(ch)) return ch;
  if (NAMED_ESCAPES[c]) return NAMED_ESCAPES[c];
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, "0")}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, "0")}`;
  return `\\U${c.toString(16).padStart(8, "0")}`;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintable(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
}

/** strconv.Quote (and QuoteToASCII when `asciiOnly`). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0)!, '"', asciiOnly);
  return `${out}"`;
}

function quoteRune(c: number): string {
  return `'${escapeCodePoint(c >= 0 && c <= 0x10ffff ? c : 0xfffd, "'", false)}'`;
}

function canBackquote(s: string): boolean {
  return !/[`\ufeff\ufffd]/.test(s) && ![...s].some((ch) => ch !== "\t" && (ch < " " || ch === "\x7f"));
}
