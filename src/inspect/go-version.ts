// `go version [-m]` output and directory walk, reproduced byte for byte without a Go toolchain.
import type { Stats } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { isBinaryReadError } from "./errors.js";
import { fromByteString, toByteString } from "./go-string.js";
import { type BuildInfo, formatModinfoBytes } from "./modinfo.js";
import { readBuildInfo } from "./read-binary.js";

type WithBuildInfo = BuildInfo | { readonly buildInfo: BuildInfo };

const buildInfoOf = (info: WithBuildInfo): BuildInfo => ("buildInfo" in info ? info.buildInfo : info);

/** What `go version <file>` prints: one line. */
export function formatGoVersion(fileName: string, info: WithBuildInfo): string {
  return fromByteString(`${toByteString(fileName)}: ${toByteString(buildInfoOf(info).goVersion)}\n`);
}

/**
 * What `go version -m <file>` prints: the version line, then BuildInfo.String() without its go
 * line, each line tab-indented. Write it with `encodeGoString` to reproduce non-UTF-8 bytes too.
 */
export function formatGoVersionM(fileName: string, info: WithBuildInfo): string {
  const buildInfo = buildInfoOf(info);
  const mod = formatModinfoBytes({ ...buildInfo, goVersion: "" });
  let out = `${toByteString(fileName)}: ${toByteString(buildInfo.goVersion)}\n`;
  if (mod.length > 0) out += `\t${mod.slice(0, -1).replaceAll("\n", "\n\t")}\n`;
  return fromByteString(out);
}

/**
 * Whether `go version -v` would complain about a file that is not a Go binary: it is executable, or
 * named like a shared library or Windows executable. Other files are skipped without a word.
 */
export function isGoBinaryCandidate(file: string, stats: Pick<Stats, "mode" | "isFile">): boolean {
  if (stats.isFile() && (stats.mode & 0o111) !== 0) return true;
  const name = file.toLowerCase();
  const ext = extname(name);
  return ext === ".so" || ext === ".exe" || ext === ".dll" || name.includes(".so.");
}

// os.ReadDir sorts names as bytes, which differs from JS string order for some non-BMP names.
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The files `go version <dir>` reads, in its order (filepath.WalkDir): regular files and symlinks
 * to regular files, directories in byte order of their names, symlinked directories not followed,
 * unreadable directories skipped.
 */
export async function* walkGoVersionCandidates(root: string): AsyncGenerator<string> {
  let info: Stats;
  try {
    info = await lstat(root);
  } catch {
    return;
  }
  if (info.isDirectory()) {
    yield* walkDirectory(root);
  } else if (info.isFile() || (info.isSymbolicLink() && (await isRegularTarget(root)))) {
    yield root;
  }
}

async function* walkDirectory(dir: string): AsyncGenerator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => byBytes(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walkDirectory(path);
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await isRegularTarget(path)))) {
      yield path;
    }
  }
}

async function isRegularTarget(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** One Go binary found by a directory scan. */
export interface FoundBinary {
  readonly path: string;
  readonly buildInfo: BuildInfo;
}

/** The Go binaries under `dir`, as `go version <dir>` finds them; every other file is skipped silently. */
export async function* scanGoBinaries(dir: string): AsyncGenerator<FoundBinary> {
  for await (const path of walkGoVersionCandidates(dir)) {
    let buildInfo: BuildInfo;
    try {
      buildInfo = await readBuildInfo(path);
    } catch (error) {
      // `go version` reports nothing for unreadable or non-Go files met during a walk.
      if (isBinaryReadError(error) || (error as NodeJS.ErrnoException).code !== undefined) continue;
      throw error;
    }
    yield { path, buildInfo };
  }
}

/** The whole of `go version -m <dir>`. */
export async function formatGoVersionMDirectory(dir: string): Promise<string> {
  let out = "";
  for await (const found of scanGoBinaries(dir)) out += formatGoVersionM(found.path, found.buildInfo);
  return out;
}
