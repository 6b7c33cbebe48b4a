// One digest over everything a build of this module can read from disk, computed once per run.
// A superset on purpose: every file of the module (all build tags and GOOS variants, embedded
// files, vendor/) plus local `replace` directories. A false miss costs a link; a false hit would
// ship the wrong binary, so the key never leaves anything out.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface DigestOptions {
  /** Absolute directories to leave out (dist: our own output). */
  readonly exclude: readonly string[];
}

export async function digestSources(moduleDir: string, options: DigestOptions): Promise<string> {
  const hash = createHash("sha256");
  const roots = [moduleDir, ...(await localReplaceDirs(moduleDir))];
  for (const root of roots) {
    hash.update(`root\0${path.relative(moduleDir, root)}\0`);
    for (const file of await listFiles(root, new Set(options.exclude))) {
      const content = await readFile(path.join(root, file));
      hash.update(`${file}\0${createHash("sha256").update(content).digest("hex")}\0`);
    }
  }
  return hash.digest("hex");
}

/** Regular files below `root`, relative, sorted in byte order; symlinked files are followed. */
async function listFiles(root: string, exclude: ReadonlySet<string>, rel = ""): Promise<string[]> {
  const dir = path.join(root, rel);
  if (exclude.has(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== ".git") files.push(...(await listFiles(root, exclude, child)));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      files.push(child);
    }
  }
  return files;
}

/** Directories named by `replace … => ./dir` (or ../, or absolute) in go.mod. */
export async function localReplaceDirs(moduleDir: string): Promise<string[]> {
  const goMod = await readFile(path.join(moduleDir, "go.mod"), "utf8");
  return parseLocalReplaces(goMod).map((target) => path.resolve(moduleDir, target));
}

export function parseLocalReplaces(goMod: string): string[] {
  const targets: string[] = [];
  for (const match of goMod.matchAll(/=>\s*("?)((?:\.{1,2}\/|\/)[^\s"]*)\1/g)) targets.push(match[2]!);
  return [...new Set(targets)];
}
