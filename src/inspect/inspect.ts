// `inspect()`: every Go binary in the given files, directories and archives (read in memory, never
// extracted), with the `-X` stamps that can be confirmed from the bytes.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isArchiveName, readArchive } from "../archive/read/index.js";
import { stampsInLdflags } from "../go/ldflags.js";
import { levelVariable } from "../go/targets.js";
import { isBinaryReadError } from "./errors.js";
import { walkGoVersionCandidates } from "./go-version.js";
import { type BinaryInfo, readBinary } from "./read-binary.js";
import { confirmStamps, type StampResult } from "./stamps.js";

export interface InspectedBinary {
  /** The file as given (or found in a directory). */
  readonly file: string;
  /** The entry inside an archive, when the binary came from one. */
  readonly entry?: string;
  readonly info: BinaryInfo;
  readonly stamps: readonly StampResult[];
  /** The C compiler of a cgo binary, as the release's metadata.json records it. */
  readonly cCompiler?: string;
}

export interface InspectResult {
  readonly binaries: readonly InspectedBinary[];
  /** Arguments that could not be read, with the one-line reason. */
  readonly problems: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
}

export async function inspect(paths: readonly string[]): Promise<InspectResult> {
  const binaries: InspectedBinary[] = [];
  const problems: Array<{ file: string; reason: string }> = [];
  for (const arg of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(arg)).isDirectory();
    } catch {
      problems.push({ file: arg, reason: "no such file or directory" });
      continue;
    }
    const files: string[] = [];
    if (isDir) for await (const file of walkFiles(arg)) files.push(file);
    else files.push(arg);
    for (const file of files) {
      try {
        binaries.push(...(await inspectFile(file)));
      } catch (error) {
        // Inside a directory, files that are not Go binaries are skipped, as `go version` does.
        if (!isDir) problems.push({ file, reason: (error as Error).message });
        else if (!isBinaryReadError(error) && isArchiveName(file))
          problems.push({ file, reason: (error as Error).message });
      }
    }
  }
  return { binaries, problems };
}

async function* walkFiles(dir: string): AsyncGenerator<string> {
  yield* walkGoVersionCandidates(dir);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && isArchiveName(entry.name)) yield path.join(entry.parentPath, entry.name);
  }
}

async function inspectFile(file: string): Promise<InspectedBinary[]> {
  const { stamps: expected, compilers } = await nearbyMetadata(file);
  const withCompiler = (binary: InspectedBinary): InspectedBinary => {
    const cCompiler = compilerOf(binary.info, compilers);
    return cCompiler ? { ...binary, cCompiler } : binary;
  };
  if (isArchiveName(file)) {
    const listing = await readArchive(await readFile(file));
    const found: InspectedBinary[] = [];
    for (const entry of listing.entries.filter((e) => e.type === "file")) {
      try {
        const info = await readBinary(entry.data);
        found.push(
          withCompiler({ file, entry: entry.name, info, stamps: stampsOf(info, entry.data, expected) }),
        );
      } catch (error) {
        if (!isBinaryReadError(error)) throw error;
      }
    }
    return found;
  }
  const info = await readBinary(file);
  const bytes = await readFile(file);
  return [withCompiler({ file, info, stamps: stampsOf(info, bytes, expected) })];
}

/** The compiler metadata.json names for the binary's target (`linux/arm/7`, else `linux/arm`). */
function compilerOf(info: BinaryInfo, compilers: Readonly<Record<string, string>>): string | undefined {
  const setting = (key: string) => info.buildInfo.settings.find((s) => s.key === key)?.value;
  if (setting("CGO_ENABLED") !== "1") return undefined;
  const goos = setting("GOOS");
  const goarch = setting("GOARCH");
  const variable = goarch ? levelVariable(goarch) : undefined;
  const level = variable ? setting(variable) : undefined;
  return compilers[`${goos}/${goarch}/${level}`] ?? compilers[`${goos}/${goarch}`];
}

/** The `-X` stamps to look for: from -ldflags in build info, else from a release's metadata.json. */
function stampsOf(info: BinaryInfo, bytes: Uint8Array, fromMetadata: StampList): StampResult[] {
  const ldflags = info.buildInfo.settings.find((s) => s.key === "-ldflags")?.value;
  const stamps = ldflags
    ? stampsInLdflags(ldflags).map(([symbol, value]) => ({ symbol, value }))
    : fromMetadata;
  return confirmStamps(bytes, info.buildInfo, stamps);
}

type StampList = ReadonlyArray<{ symbol: string; value: string }>;

/** metadata.json beside the file, or one or two folders up (dist/bin/<binary>). */
async function nearbyMetadata(
  file: string,
): Promise<{ stamps: StampList; compilers: Readonly<Record<string, string>> }> {
  let dir = path.dirname(path.resolve(file));
  for (let up = 0; up < 3; up++, dir = path.dirname(dir)) {
    try {
      return readNearbyMetadata(await readFile(path.join(dir, "metadata.json"), "utf8"));
    } catch {
      // not a goship dist here
    }
  }
  return { stamps: [], compilers: {} };
}

/**
 * The two fields inspect uses from a goship metadata.json, read here rather than through metadata/
 * so that this reader depends on no pipeline folder (metadata/ depends on the build steps).
 */
function readNearbyMetadata(text: string): {
  stamps: StampList;
  compilers: Readonly<Record<string, string>>;
} {
  const value = JSON.parse(text) as {
    project?: unknown;
    stamps?: unknown;
    build?: { cgo?: { compilers?: unknown } };
  };
  if (typeof value?.project !== "string") throw new Error("not a goship metadata.json");
  const stamps = Array.isArray(value.stamps)
    ? value.stamps.filter(
        (s): s is { symbol: string; value: string } =>
          typeof s?.symbol === "string" && typeof s?.value === "string",
      )
    : [];
  const compilers = value.build?.cgo?.compilers;
  return {
    stamps,
    compilers:
      typeof compilers === "object" && compilers !== null ? (compilers as Record<string, string>) : {},
  };
}
