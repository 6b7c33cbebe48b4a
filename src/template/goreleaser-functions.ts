// The functions GoReleaser adds to its templates (internal/tmpl), with the same Go semantics.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { crc32 } from "node:zlib";
import { type CallContext, fn, type TemplateFunction } from "./function-types.js";
import { basePath, dirPath, pathEscape, title, toLower, toUpper, trimSpace } from "./go-strings.js";
import { formatGoTime } from "./go-time.js";
import { compilePosix } from "./posix-regexp.js";
import { incrementVersion } from "./semver.js";
import { asStrings, type StringMap } from "./values.js";

const str = (value: unknown) => value as string;

export const GORELEASER_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  replace: fn(["string", "string", "string"], ([s, old, replacement]) =>
    replaceAll(str(s), str(old), str(replacement)),
  ),
  split: fn(["string", "string"], ([s, sep]) => asStrings(sep === "" ? [...str(s)] : str(s).split(str(sep)))),
  time: fn(["string"], ([layout], context) => {
    context.nondeterministic("time");
    return formatGoTime(context.now(), str(layout));
  }),
  contains: fn(["string", "string"], ([s, substring]) => str(s).includes(str(substring))),
  tolower: fn(["string"], ([s]) => toLower(str(s))),
  toupper: fn(["string"], ([s]) => toUpper(str(s))),
  trim: fn(["string"], ([s]) => trimSpace(str(s))),
  trimprefix: fn(["string", "string"], ([s, prefix]) =>
    str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : s,
  ),
  trimsuffix: fn(["string", "string"], ([s, suffix]) =>
    str(s).endsWith(str(suffix)) ? str(s).slice(0, str(s).length - str(suffix).length) : s,
  ),
  title: fn(["string"], ([s]) => title(str(s))),
  // Paths in goship are slash-separated on every OS, so dir and base use Go's path rules.
  dir: fn(["string"], ([p]) => dirPath(str(p))),
  base: fn(["string"], ([p]) => basePath(str(p))),
  abs: fn(["string"], ([p], context) => resolve(context.cwd, str(p))),
  incmajor: fn(["string"], ([v]) => incrementVersion(str(v), "major")),
  incminor: fn(["string"], ([v]) => incrementVersion(str(v), "minor")),
  incpatch: fn(["string"], ([v]) => incrementVersion(str(v), "patch")),
  filter: fn(["string", "string"], ([text, pattern]) => filterLines(str(text), str(pattern), true)),
  reverseFilter: fn(["string", "string"], ([text, pattern]) => filterLines(str(text), str(pattern), false)),
  mdv2escape: fn(["string"], ([s]) => str(s).replace(/[_*[\]()~`>#+\-=|{}.!]/g, (c) => `\\${c}`)),
  envOrDefault: fn(["string", "string"], ([name, fallback], { env }) =>
    Object.hasOwn(env, str(name)) ? env[str(name)] : fallback,
  ),
  isEnvSet: fn(["string"], ([name], { env }) => Object.hasOwn(env, str(name)) && env[str(name)] !== ""),
  map: fn([], (pairs) => makeMap(pairs as string[]), "string"),
  indexOrDefault: fn(["stringMap", "string", "string"], ([map, key, fallback]) =>
    Object.hasOwn(map as StringMap, str(key)) ? (map as StringMap)[str(key)] : fallback,
  ),
  urlPathEscape: fn(["string"], ([s]) => pathEscape(str(s))),
  list: fn([], (items) => asStrings([...items]), "string"),
  englishJoin: fn(["stringList"], ([items]) => englishJoin(items as string[])),
  readFile: fn(["string"], ([path], context) => {
    const read = reader(context, "readFile");
    try {
      return trimSpace(Buffer.from(read(str(path))).toString("utf8"));
    } catch {
      return "";
    }
  }),
  mustReadFile: fn(["string"], ([path], context) => readText(context, "mustReadFile", str(path))),
  crc32: fn(["string"], ([path], context) =>
    crc32(readBytes(context, "crc32", str(path)))
      .toString(16)
      .padStart(8, "0"),
  ),
  ...Object.fromEntries(
    Object.entries({
      md5: "md5",
      sha1: "sha1",
      sha224: "sha224",
      sha256: "sha256",
      sha384: "sha384",
      sha512: "sha512",
      sha3_224: "sha3-224",
      sha3_256: "sha3-256",
      sha3_384: "sha3-384",
      sha3_512: "sha3-512",
      blake2b: "blake2b512",
      blake2s: "blake2s256",
    }).map(([name, algorithm]) => [
      name,
      // As in GoReleaser, these hash the contents of the file at the path, not the string itself.
      fn(["string"], ([path], context) =>
        createHash(algorithm)
          .update(readBytes(context, name, str(path)))
          .digest("hex"),
      ),
    ]),
  ),
};

function replaceAll(s: string, old: string, replacement: string): string {
  // Go inserts the replacement around every character when the old string is empty.
  if (old === "") return replacement + [...s].join(replacement) + (s === "" ? "" : replacement);
  return s.split(old).join(replacement);
}

/** Keeps (or drops) the lines matching a POSIX regular expression, like grep -E (or grep -vE). */
function filterLines(text: string, pattern: string, keep: boolean): string {
  const regexp = compilePosix(pattern);
  return text
    .split("\n")
    .filter((line) => regexp.test(line) === keep)
    .join("\n");
}

function makeMap(pairs: readonly string[]): Record<string, string> {
  if (pairs.length % 2 !== 0) throw new Error(`map expects even number of arguments, got ${pairs.length}`);
  const map: Record<string, string> = asStrings({});
  for (let i = 0; i < pairs.length; i += 2) map[pairs[i]!] = pairs[i + 1]!;
  return map;
}

function reader(context: CallContext, name: string): (path: string) => Uint8Array | string {
  if (!context.readFile)
    throw new Error(`${name} reads files, and this template is rendered without file access`);
  return context.readFile;
}

function readBytes(context: CallContext, name: string, path: string): Uint8Array {
  const contents = reader(context, name)(path);
  return typeof contents === "string" ? Buffer.from(contents, "utf8") : contents;
}

/** File contents without surrounding white space, as GoReleaser's readFile gives them. */
function readText(context: CallContext, name: string, path: string): string {
  return trimSpace(Buffer.from(readBytes(context, name, path)).toString("utf8"));
}

/** "a", "a and b", "a, b, and c"; blank items are left out. */
function englishJoin(items: readonly string[]): string {
  const words = items.filter((item) => trimSpace(item) !== "");
  if (words.length < 3) return words.join(" and ");
  return `${words.slice(0, -1).join(", ")}, and ${words[words.length - 1]}`;
}
