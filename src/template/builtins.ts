// Go text/template's predefined functions, with Go's rules: comparisons only between values of the
// same basic kind, `len` in bytes, `index` giving the zero value for a missing map key.
import { fn, type TemplateFunction } from "./function-types.js";
import { isPrintable, sprint, sprintf, sprintln } from "./go-fmt.js";
import { escapeQuery } from "./go-strings.js";
import { compareStrings, intOf, isTrue, kindOf, numberOf, typeName } from "./values.js";

const BASIC = new Set(["bool", "int", "float", "string"]);

export const BUILTINS: Readonly<Record<string, TemplateFunction>> = {
  // The evaluator runs and/or itself, to stop at the deciding argument as Go does.
  and: { params: ["any"], variadic: "any", lazy: true, call: () => undefined },
  or: { params: ["any"], variadic: "any", lazy: true, call: () => undefined },
  not: fn(["any"], ([value]) => !isTrue(value)),
  len: fn(["any"], ([value]) => length(value)),
  index: fn(["any"], ([item, ...indexes]) => index(item, indexes), "any"),
  slice: fn(["any"], ([item, ...indexes]) => slice(item, indexes), "any"),
  eq: fn(["any"], ([first, ...others]) => eq(first, others), "any"),
  ne: fn(["any", "any"], ([a, b]) => !eq(a, [b])),
  lt: fn(["any", "any"], ([a, b]) => lessThan(a, b)),
  le: fn(["any", "any"], ([a, b]) => lessThan(a, b) || eq(a, [b])),
  gt: fn(["any", "any"], ([a, b]) => !(lessThan(a, b) || eq(a, [b]))),
  ge: fn(["any", "any"], ([a, b]) => !lessThan(a, b)),
  print: fn([], (args) => sprint(args), "any"),
  println: fn([], (args) => sprintln(args), "any"),
  printf: fn(["string"], ([format, ...args]) => sprintf(format as string, args), "any"),
  html: fn([], (args) => escapeHtml(textOf(args)), "any"),
  js: fn([], (args) => escapeJs(textOf(args)), "any"),
  urlquery: fn([], (args) => escapeQuery(textOf(args)), "any"),
};

function length(value: unknown): number {
  switch (kindOf(value)) {
    case "string":
      return Buffer.byteLength(value as string, "utf8");
    case "array":
      return (value as unknown[]).length;
    case "map":
      return Object.keys(value as object).length;
    case "invalid":
      throw new Error("len of nil pointer");
    default:
      throw new Error(`len of type ${typeName(value)}`);
  }
}

function indexArg(value: unknown, cap: number): number {
  if (kindOf(value) === "invalid") throw new Error("cannot index slice/array with nil");
  if (kindOf(value) !== "int") throw new Error(`cannot index slice/array with type ${typeName(value)}`);
  const x = Number(value);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, indexes: readonly unknown[]): unknown {
  if (kindOf(item) === "invalid") throw new Error("index of untyped nil");
  let current = item;
  for (const key of indexes) {
    switch (kindOf(current)) {
      case "array":
      case "string": {
        const bytes = typeof current === "string" ? Buffer.from(current, "utf8") : (current as unknown[]);
        const x = indexArg(key, bytes.length);
        if (x === bytes.length) throw new Error(`index out of range: ${x}`);
        current = bytes[x];
        break;
      }
      case "map": {
        if (typeof key !== "string") throw new Error(`value has type ${typeName(key)}; should be string`);
        const map = current as Record<string, unknown>;
        // A missing key gives the zero value of the map's element type: "" for string maps.
        const zero = typeName(map) === "map[string]string" ? "" : undefined;
        current = Object.hasOwn(map, key) ? map[key] : zero;
        break;
      }
      case "invalid":
        throw new Error("index of nil pointer");
      default:
        throw new Error(`can't index item of type ${typeName(current)}`);
    }
  }
  return current;
}

function slice(item: unknown, indexes: readonly unknown[]): unknown {
  const kind = kindOf(item);
  if (kind === "invalid") throw new Error("slice of untyped nil");
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (kind === "string" && indexes.length === 3) throw new Error("cannot 3-index slice a string");
  if (kind !== "string" && kind !== "array") throw new Error(`can't slice item of type ${typeName(item)}`);
  const bytes = kind === "string" ? Buffer.from(item as string, "utf8") : undefined;
  const len = bytes ? bytes.length : (item as unknown[]).length;
  const idx = [0, len, len];
  indexes.forEach((value, i) => {
    idx[i] = indexArg(value, len);
  });
  const [from, to, max] = idx as [number, number, number];
  if (from > to) throw new Error(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new Error(`invalid slice index: ${to} > ${max}`);
  return bytes ? bytes.subarray(from, to).toString("utf8") : (item as unknown[]).slice(from, to);
}

function incompatible(a: unknown, b: unknown): Error {
  const kinds = new Set([kindOf(a), kindOf(b)]);
  const hint =
    kinds.has("string") && (kinds.has("int") || kinds.has("float"))
      ? '; quote the number to compare text, as in eq .Arm "7"'
      : "";
  return new Error(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}${hint}`);
}

/** eq a b c… is a == b || a == c…; comparing different basic kinds (or int with float) is an error. */
function eq(first: unknown, others: readonly unknown[]): boolean {
  if (others.length === 0) throw new Error("missing argument for comparison");
  const kind = kindOf(first);
  for (const other of others) {
    if (kindOf(other) !== kind) {
      // nil is simply unequal to anything else.
      if (kind === "invalid" || kindOf(other) === "invalid") continue;
      throw incompatible(first, other);
    }
    if (equalSameKind(first, other)) return true;
  }
  return false;
}

function equalSameKind(a: unknown, b: unknown): boolean {
  switch (kindOf(a)) {
    case "int":
      return intOf(a) === intOf(b);
    case "float":
      return numberOf(a) === numberOf(b);
    case "invalid":
      return true;
    case "array":
    case "map":
      throw new Error(`non-comparable type ${typeName(b)}`);
    default:
      return a === b;
  }
}

function lessThan(a: unknown, b: unknown): boolean {
  const k1 = kindOf(a);
  const k2 = kindOf(b);
  if (!BASIC.has(k1) || !BASIC.has(k2)) throw new Error("invalid type for comparison");
  if (k1 !== k2) throw incompatible(a, b);
  switch (k1) {
    case "int":
      return intOf(a) < intOf(b);
    case "float":
      return numberOf(a) < numberOf(b);
    case "string":
      return compareStrings(a as string, b as string) < 0;
    default:
      throw new Error("invalid type for comparison");
  }
}

/** html, js and urlquery take one string as it is, or print the values with fmt.Sprint (nil as "<no value>"). */
function textOf(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((arg) => (kindOf(arg) === "invalid" ? "<no value>" : arg)));
}

function escapeHtml(s: string): string {
  const entities: Record<string, string> = {
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    "'": "&#39;",
    '"': "&#34;",
    "\0": "\ufffd",
  };
  return s.replace(/[<>&'"\0]/g, (c) => entities[c]!);
}

function escapeJs(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "'" || ch === '"') out += `\\${ch}`;
    else if ("<>&=".includes(ch) || c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    else if (c < 0x80 || isPrintable(ch)) out += ch;
    else out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return out;
}
