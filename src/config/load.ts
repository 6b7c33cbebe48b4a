// Finds and parses the config file: goship.yaml/yml/json (or goship.config.mjs/js), else a
// GoReleaser v2 file. YAML keeps node positions, so every problem can point at a line and column.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from "yaml";
import { ConfigError, type ConfigIssue, ConfigNotFoundError } from "./errors.js";
import { topKeys } from "./goreleaser/keys.js";
import { configSchema } from "./schema.js";

export type ConfigKind = "goship" | "goreleaser";

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface LoadedConfig {
  readonly file: string;
  /** The file as messages name it: relative to the module root when inside it. */
  readonly name: string;
  readonly kind: ConfigKind;
  readonly data: unknown;
  /** Where a value (or, with `key`, the key naming it) is written; undefined without positions. */
  readonly locate: (path: ReadonlyArray<PropertyKey>, key?: boolean) => Position | undefined;
}

export const goshipConfigNames = [
  "goship.yaml",
  "goship.yml",
  "goship.json",
  "goship.config.mjs",
  "goship.config.js",
  "goship.config.ts",
] as const;

/** GoReleaser's own lookup order. */
export const goreleaserConfigNames = [
  ".config/goreleaser.yml",
  ".config/goreleaser.yaml",
  ".goreleaser.yml",
  ".goreleaser.yaml",
  "goreleaser.yml",
  "goreleaser.yaml",
] as const;

/** The config file of a module: explicit, else goship's, else GoReleaser's; undefined for none. */
export function findConfig(dir: string, explicit?: string): { file: string; kind: ConfigKind } | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(dir, explicit);
    if (!existsSync(file)) throw new ConfigNotFoundError(explicit);
    return { file, kind: kindOf(file) };
  }
  for (const name of goshipConfigNames) {
    const file = path.join(dir, name);
    if (existsSync(file)) return { file, kind: "goship" };
  }
  for (const name of goreleaserConfigNames) {
    const file = path.join(dir, name);
    if (existsSync(file)) return { file, kind: "goreleaser" };
  }
  return undefined;
}

/** A file named like GoReleaser's is read with GoReleaser's semantics; anything else is goship's. */
export function kindOf(file: string): ConfigKind {
  return /goreleaser/i.test(path.basename(file)) ? "goreleaser" : "goship";
}

export async function loadConfig(dir: string, explicit?: string): Promise<LoadedConfig | undefined> {
  const found = findConfig(dir, explicit);
  if (!found) return undefined;
  const loaded = await loadConfigFile(found.file, found.kind, dir);
  // A file given by name says what it is by its content, whatever it is called.
  return explicit === undefined ? loaded : { ...loaded, kind: kindOfContent(loaded.data, loaded.kind) };
}

/**
 * goship's or GoReleaser's format from the keys: `version: 2` and keys only GoReleaser has
 * (`before`, `release`, `changelog`…) say GoReleaser; keys only goship has say goship.
 */
export function kindOfContent(data: unknown, fallback: ConfigKind): ConfigKind {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fallback;
  const keys = Object.keys(data);
  const goship = new Set(Object.keys(configSchema.shape));
  const goreleaserOnly = keys.filter((k) => k in topKeys && !goship.has(k));
  const goshipOnly = keys.filter((k) => goship.has(k) && !(k in topKeys));
  if ("version" in data || goreleaserOnly.length > goshipOnly.length) return "goreleaser";
  if (goshipOnly.length > 0) return "goship";
  return fallback;
}

export async function loadConfigFile(file: string, kind: ConfigKind, dir: string): Promise<LoadedConfig> {
  const rel = path.relative(dir, file);
  const name = rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
  if (/\.(mjs|js|ts|mts|cjs)$/.test(file)) return { file, name, kind, ...(await importConfig(file, name)) };
  return { file, name, kind, ...parseConfigText(await readFile(file, "utf8"), name) };
}

/**
 * `0644` is octal, as Go's yaml.v3 reads it (file modes in GoReleaser files); YAML 1.2's core
 * schema alone would read 644 decimal.
 */
const goOctal = {
  tag: "tag:yaml.org,2002:int",
  default: true,
  test: /^0[0-7]+$/,
  resolve: (text: string) => Number.parseInt(text, 8),
} as const;

/** YAML (JSON is YAML too) with anchors and merge keys, and a locator for issue positions. */
export function parseConfigText(
  text: string,
  name: string,
): { data: unknown; locate: LoadedConfig["locate"] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    merge: true,
    prettyErrors: false,
    customTags: (tags) => [goOctal, ...tags],
  });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const issues: ConfigIssue[] = doc.errors.map((error) => ({
      path: "",
      message: error.message.split("\n")[0] ?? error.message,
      ...position(error.pos[0]),
    }));
    throw new ConfigError(name, issues);
  }
  const locate: LoadedConfig["locate"] = (keys, key = false) => {
    const deref = (node: unknown) => (isAlias(node) ? node.resolve(doc) : node);
    const found = findNode(doc.contents, keys, key, deref);
    return found?.range ? position(found.range[0]) : undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (error) {
    throw new ConfigError(name, [{ path: "", message: (error as Error).message }]);
  }
  return { data, locate };
}

/** Walks the document along a path; merge keys (`<<: *anchor`) are followed into their anchors. */
function findNode(
  node: unknown,
  keys: ReadonlyArray<PropertyKey>,
  wantKey: boolean,
  deref: (node: unknown) => unknown,
): Node | undefined {
  let current = deref(node);
  for (const [index, part] of keys.entries()) {
    current = deref(current);
    if (!current) return undefined;
    if (isSeq(current) && typeof part === "number") {
      current = current.items[part];
    } else if (isMap(current)) {
      const pair = findPair(current, String(part), deref);
      if (!pair) return current as Node;
      if (index === keys.length - 1 && wantKey) return pair.key as Node;
      current = pair.value ?? pair.key;
    } else {
      return current as Node;
    }
  }
  return (current as Node | null) ?? undefined;
}

function findPair(map: unknown, key: string, deref: (node: unknown) => unknown): Pair | undefined {
  if (!isMap(map)) return undefined;
  const direct = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (direct) return direct as Pair;
  // Keys that come from a merge: the first merged map that has it wins, as YAML says.
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== "symbol") continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const found = findPair(deref(source), key, deref);
      if (found) return found;
    }
  }
  return undefined;
}

/** goship.config.mjs/js exporting `defineConfig({...})` as default. */
async function importConfig(
  file: string,
  name: string,
): Promise<{ data: unknown; locate: LoadedConfig["locate"] }> {
  if (/\.(ts|mts)$/.test(file)) {
    throw new ConfigError(name, [
      {
        path: "",
        message:
          "Node.js 20 cannot load TypeScript config files; rename it to goship.config.mjs (defineConfig works the same) or use goship.yaml",
      },
    ]);
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (module.default === undefined) {
    throw new ConfigError(name, [
      { path: "", message: "the file has no default export; write `export default defineConfig({ … })`" },
    ]);
  }
  return { data: module.default, locate: () => undefined };
}
