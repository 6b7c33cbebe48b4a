// The modinfo text inside a Go binary, parsed and printed as runtime/debug's ParseBuildInfo and String do.
import { MalformedBinaryError } from "./errors.js";
import { fromByteString, quote, quotedPrefix, toByteString, unquote } from "./go-string.js";

/** A module in a build (runtime/debug.Module). */
export interface Module {
  readonly path: string;
  readonly version: string;
  /** The go.sum `h1:` hash; empty in vendor mode and for local replacements. */
  readonly sum: string;
  /** What a `replace` directive swapped this module for. */
  readonly replace?: Module;
}

/** One `build` line: a flag, an environment variable or a VCS fact. */
export interface BuildSetting {
  readonly key: string;
  readonly value: string;
}

/** What `go version -m` shows (runtime/debug.BuildInfo). */
export interface BuildInfo {
  /** The toolchain that linked the binary, for example `go1.22.4`. */
  readonly goVersion: string;
  /** The main package path (`command-line-arguments` for `go build file.go`). */
  readonly path: string;
  readonly main: Module;
  readonly deps: readonly Module[];
  readonly settings: readonly BuildSetting[];
}

const EMPTY_MODULE: Module = { path: "", version: "", sum: "" };

// Which keys and values String() quotes; the parser rejects the same characters unquoted.
const needsKeyQuote = (key: string): boolean => key.length === 0 || /[= \t\r\n"`]/.test(key);
const needsValueQuote = (value: string): boolean => /[ \t\r\n"`]/.test(value);

class ModinfoSyntaxError extends Error {}

function moduleFrom(columns: string[]): Module {
  if (columns.length !== 2 && columns.length !== 3) {
    throw new ModinfoSyntaxError(`expected 2 or 3 columns; got ${columns.length}`);
  }
  return {
    path: fromByteString(columns[0]!),
    version: fromByteString(columns[1]!),
    sum: fromByteString(columns[2] ?? ""),
  };
}

function parseSetting(kv: string): BuildSetting {
  if (kv.length < 1) throw new ModinfoSyntaxError("build line missing '='");
  let key: string;
  let rawValue: string;
  const first = kv[0];
  if (first === "=") throw new ModinfoSyntaxError("build line with missing key");
  if (first === "`" || first === '"') {
    const rawKey = quotedPrefix(kv);
    if (rawKey === undefined) throw new ModinfoSyntaxError("invalid quoted key in build line");
    if (kv.length === rawKey.length) throw new ModinfoSyntaxError("build line missing '=' after quoted key");
    if (kv[rawKey.length] !== "=") {
      const c = kv[rawKey.length]!;
      const shown = /^[\x20-\x7e]$/.test(c) && c !== "'" && c !== "\\" ? `'${c}'` : quote(c);
      throw new ModinfoSyntaxError(`unexpected character after quoted key: ${shown}`);
    }
    key = unquote(rawKey) ?? "";
    rawValue = kv.slice(rawKey.length + 1);
  } else {
    const eq = kv.indexOf("=");
    if (eq < 0) throw new ModinfoSyntaxError("build line missing '=' after key");
    key = kv.slice(0, eq);
    rawValue = kv.slice(eq + 1);
    if (needsKeyQuote(key)) throw new ModinfoSyntaxError(`unquoted key ${quote(key)} must be quoted`);
  }
  let value = rawValue;
  if (rawValue.startsWith("`") || rawValue.startsWith('"')) {
    const unquoted = unquote(rawValue);
    if (unquoted === undefined) throw new ModinfoSyntaxError("invalid quoted value in build line");
    value = unquoted;
  } else if (needsValueQuote(value)) {
    throw new ModinfoSyntaxError(`unquoted value ${quote(value)} must be quoted`);
  }
  return { key: fromByteString(key), value: fromByteString(value) };
}

/**
 * Parses modinfo text given as a byte string (one char per byte), like runtime/debug.ParseBuildInfo:
 * unknown lines are ignored and a trailing line without `\n` is dropped.
 */
export function parseModinfo(data: string, goVersion = ""): BuildInfo {
  let path = "";
  let main: Module = EMPTY_MODULE;
  const deps: Module[] = [];
  const settings: BuildSetting[] = [];
  // Which module a following `=>` line replaces: the main module, a dep, or none.
  let last: { kind: "main" } | { kind: "dep"; index: number } | undefined;
  let lineNumber = 1;
  let start = 0;
  try {
    while (start < data.length) {
      const end = data.indexOf("\n", start);
      if (end < 0) break;
      const line = data.slice(start, end);
      start = end + 1;
      if (line.startsWith("path\t")) {
        path = fromByteString(line.slice(5));
      } else if (line.startsWith("mod\t")) {
        main = moduleFrom(line.slice(4).split("\t"));
        last = { kind: "main" };
      } else if (line.startsWith("dep\t")) {
        deps.push(moduleFrom(line.slice(4).split("\t")));
        last = { kind: "dep", index: deps.length - 1 };
      } else if (line.startsWith("=>\t")) {
        const columns = line.slice(3).split("\t");
        if (columns.length !== 3) {
          throw new ModinfoSyntaxError(`expected 3 columns for replacement; got ${columns.length}`);
        }
        if (last === undefined) throw new ModinfoSyntaxError("replacement with no module on previous line");
        const replace = moduleFrom(columns);
        if (last.kind === "main") main = { ...main, replace };
        else deps[last.index] = { ...deps[last.index]!, replace };
        last = undefined;
      } else if (line.startsWith("build\t")) {
        settings.push(parseSetting(line.slice(6)));
      }
      lineNumber++;
    }
  } catch (error) {
    if (!(error instanceof ModinfoSyntaxError)) throw error;
    throw new MalformedBinaryError(`build info: line ${lineNumber}: ${error.message}`);
  }
  return { goVersion, path, main, deps, settings };
}

/** Parses modinfo given as an ordinary string (the text `go version -m` shows without its tabs). */
export function parseBuildInfoText(text: string, goVersion = ""): BuildInfo {
  return parseModinfo(toByteString(text), goVersion);
}

function isEmptyModule(m: Module): boolean {
  return m.path === "" && m.version === "" && m.sum === "" && m.replace === undefined;
}

/** BuildInfo.String() as a byte string; like Go, a replaced module is followed by an empty line. */
export function formatModinfoBytes(info: BuildInfo): string {
  let out = "";
  if (info.goVersion !== "") out += `go\t${toByteString(info.goVersion)}\n`;
  if (info.path !== "") out += `path\t${toByteString(info.path)}\n`;
  const formatModule = (word: string, m: Module): void => {
    out += `${word}\t${toByteString(m.path)}\t${toByteString(m.version)}`;
    if (m.replace === undefined) {
      out += `\t${toByteString(m.sum)}`;
    } else {
      out += "\n";
      formatModule("=>", m.replace);
    }
    out += "\n";
  };
  if (!isEmptyModule(info.main)) formatModule("mod", info.main);
  for (const dep of info.deps) formatModule("dep", dep);
  for (const setting of info.settings) {
    let key = toByteString(setting.key);
    if (needsKeyQuote(key)) key = quote(key);
    let value = toByteString(setting.value);
    if (needsValueQuote(value)) value = quote(value);
    out += `build\t${key}=${value}\n`;
  }
  return out;
}

/** BuildInfo.String() as a public string. */
export function formatModinfo(info: BuildInfo): string {
  return fromByteString(formatModinfoBytes(info));
}
