// The files archives carry next to the binaries: goship's README*, LICENSE*, CHANGELOG*, or the
// config's globs evaluated as GoReleaser does.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import { globFiles, hasMatchers } from "./glob.js";

export interface DocFile {
  readonly name: string;
  readonly data: Buffer;
}

const docPattern = /^(readme|licen[cs]e|changelog)/i;

/** Regular files at the module root whose names start with README, LICENSE or CHANGELOG (any case). */
const docFilesKey = factKey<Promise<DocFile[]>>("the module's documents");

/** The module's documents, read once per run and shared by archives and metadata. */
export function docFilesOf(ctx: ReleaseContext): Promise<DocFile[]> {
  return ctx.facts.once(docFilesKey, () => findDocFiles(need(ctx, "module").dir));
}

export async function findDocFiles(moduleDir: string): Promise<DocFile[]> {
  const entries = await readdir(moduleDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && docPattern.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(names.map(async (name) => ({ name, data: await readFile(path.join(moduleDir, name)) })));
}

/** A file to store: where it comes from and its path inside the archive (before any wrap folder). */
export interface ArchiveFile {
  readonly source: string;
  readonly destination: string;
  /** Index of the spec that matched it (whose `info` applies). */
  readonly spec: number;
}

export interface FileSpec {
  /** Rendered glob, relative to the module root. */
  readonly src: string;
  readonly dst: string;
  readonly stripParent: boolean;
  readonly optional: boolean;
}

/**
 * GoReleaser's archivefiles.Eval: each glob's matches placed under dst (relative to the glob's
 * static part, or flat with strip_parent), sorted by destination, the first of duplicates kept.
 */
export async function evalFiles(
  moduleDir: string,
  specs: readonly FileSpec[],
  warn: (message: string, fields: Record<string, string>) => void,
): Promise<ArchiveFile[]> {
  const result: ArchiveFile[] = [];
  for (const [index, spec] of specs.entries()) {
    const files = await globFiles(moduleDir, spec.src);
    if (files.length === 0) {
      if (!spec.optional) warn("no files matched", { glob: spec.src });
      continue;
    }
    const pattern = spec.src.replace(/^\.\//, "").replace(/\/+$/, "");
    const exists = existsSync(path.join(moduleDir, pattern));
    const prefix = exists && !hasMatchers(pattern) ? pattern : goDir(commonPrefix(files));
    for (const file of files)
      result.push({ source: file, destination: destinationFor(spec, prefix, file), spec: index });
  }
  result.sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  const seen = new Map<string, string>();
  return result.filter((f) => {
    const earlier = seen.get(f.destination);
    if (earlier !== undefined) {
      warn("file already in the archive; this one is left out", {
        file: f.destination,
        kept: earlier,
        dropped: f.source,
      });
      return false;
    }
    seen.set(f.destination, f.source);
    return true;
  });
}

function destinationFor(spec: FileSpec, prefix: string, file: string): string {
  if (spec.stripParent) return path.posix.join(spec.dst, path.posix.basename(file));
  if (spec.dst !== "") return path.posix.join(spec.dst, path.posix.relative(prefix, file));
  return path.posix.normalize(file);
}

/**
 * Go's filepath.Dir: everything before the last "/", so "docs/" (the common prefix of docs/a.md and
 * docs/b.md) gives "docs". Node's dirname ignores a trailing slash and would give ".".
 */
export function goDir(p: string): string {
  const slash = p.lastIndexOf("/");
  if (slash === -1) return ".";
  return path.posix.normalize(p.slice(0, slash) || "/");
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? "";
  for (const value of values) {
    let i = 0;
    while (i < prefix.length && i < value.length && prefix[i] === value[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
