// readBinary: everything goship can prove about a Go binary from its own bytes, no toolchain needed.

import { readRawBuildInfo } from "./buildinfo.js";
import { type ByteSource, memorySource, openFileSource, readUpTo } from "./byte-source.js";
import { parseElf } from "./elf.js";
import { NotAGoBinaryError } from "./errors.js";
import { fromByteString } from "./go-string.js";
import type { BinaryFormat, DebugFacts, HeaderTarget, Linkage, ParsedImage } from "./image.js";
import { scanLeakedPaths } from "./leaked-paths.js";
import { parseFatMacho, parseMacho } from "./macho.js";
import { type BuildInfo, parseModinfo } from "./modinfo.js";
import { parsePe } from "./pe.js";

/** A path to open, bytes already in memory, or an open source (left open). */
export type BinaryInput = string | Uint8Array | ByteSource;

/** The facts of one executable image: the whole file, or one slice of a universal Mach-O file. */
export interface ImageInfo {
  readonly format: BinaryFormat;
  /** Where the image starts in the file (non-zero only for universal slices). */
  readonly offset: number;
  readonly size: number;
  /** GOOS/GOARCH and word size as the headers state them. */
  readonly header: HeaderTarget;
  /** The Go build ID (`go tool buildid`), "" when built with `-buildid=`. */
  readonly buildId: string;
  readonly linkage: Linkage;
  readonly debug: DebugFacts;
}

/** Everything `goship inspect` reports about one binary. */
export interface BinaryInfo extends ImageInfo {
  readonly fileSize: number;
  /** A Mach-O universal file; the top-level facts are those of its first slice, as Go reads it. */
  readonly universal: boolean;
  /** Every image in the file, in header order: one for ELF, PE and thin Mach-O. */
  readonly slices: readonly ImageInfo[];
  readonly buildInfo: BuildInfo;
  /** GOOS/GOARCH as recorded in the build settings. */
  readonly buildTarget: { readonly goos: string | undefined; readonly goarch: string | undefined };
  /** Distinct absolute paths under home/temp directories or the build directory. */
  readonly leakedPaths: readonly string[];
}

export interface ReadBinaryOptions {
  /** The directory the binary was built in; any mention of it counts as a leaked path. */
  readonly buildDir?: string;
  /** Other paths of the build (GOROOT, GOPATH, HOME, TMPDIR, staging); any mention is a leak. */
  readonly buildPaths?: readonly string[];
  /** Scan the bytes for leaked paths (default true); the only step that reads the whole file. */
  readonly scanLeakedPaths?: boolean;
  /** Report at most this many leaked paths (default 100). */
  readonly maxLeakedPaths?: number;
}

async function withSource<T>(input: BinaryInput, use: (source: ByteSource) => Promise<T>): Promise<T> {
  if (typeof input !== "string") return use(input instanceof Uint8Array ? memorySource(input) : input);
  const source = await openFileSource(input);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

type Container = "elf" | "pe" | "macho" | "universal";

/** The container format from the first bytes, with the same tests debug/buildinfo uses. */
function identify(ident: Uint8Array): Container | undefined {
  const [b0, b1, b2, b3] = ident as unknown as [number, number, number, number];
  if (b0 === 0x7f && b1 === 0x45 && b2 === 0x4c && b3 === 0x46) return "elf";
  if (b0 === 0x4d && b1 === 0x5a) return "pe";
  if ((b0 === 0xfe && b1 === 0xed && b2 === 0xfa) || (b1 === 0xfa && b2 === 0xed && b3 === 0xfe))
    return "macho";
  if (b0 === 0xca && b1 === 0xfe && b2 === 0xba && (b3 === 0xbe || b3 === 0xbf)) return "universal";
  return undefined;
}

/** Every image in the file; throws NotAGoBinaryError when the format is not one Go links. */
export async function parseImages(
  source: ByteSource,
): Promise<{ container: Container; images: ParsedImage[] }> {
  const ident = await readUpTo(source, 0, 16, "file header");
  const container = ident.length < 16 ? undefined : identify(ident);
  switch (container) {
    case "elf":
      return { container, images: [await parseElf(source)] };
    case "pe":
      return { container, images: [await parsePe(source)] };
    case "macho":
      return { container, images: [await parseMacho(source)] };
    case "universal":
      return { container, images: await parseFatMacho(source) };
    default:
      throw new NotAGoBinaryError("not an executable (unknown format)");
  }
}

async function decodeBuildInfo(image: ParsedImage): Promise<BuildInfo> {
  const raw = await readRawBuildInfo(image);
  return parseModinfo(raw.modinfo, fromByteString(raw.goVersion));
}

/** Only the build info, as `go version -m` reads it (the first slice of a universal file). */
export function readBuildInfo(input: BinaryInput): Promise<BuildInfo> {
  return withSource(input, async (source) => decodeBuildInfo((await parseImages(source)).images[0]!));
}

async function describeImage(image: ParsedImage): Promise<ImageInfo> {
  return {
    format: image.format,
    offset: image.fileOffset,
    size: image.source.size,
    header: image.target,
    buildId: await image.readBuildId(),
    linkage: image.linkage,
    debug: image.debug,
  };
}

/**
 * Reads a Go binary: build info, build ID, linkage, strip facts, targets and leaked paths.
 * Throws only NotAGoBinaryError or MalformedBinaryError for bad input (I/O errors pass through).
 */
export function readBinary(input: BinaryInput, options: ReadBinaryOptions = {}): Promise<BinaryInfo> {
  return withSource(input, async (source) => {
    const { container, images } = await parseImages(source);
    const buildInfo = await decodeBuildInfo(images[0]!);
    const slices: ImageInfo[] = [];
    for (const image of images) slices.push(await describeImage(image));
    const setting = (key: string) => buildInfo.settings.find((s) => s.key === key)?.value;
    const leakedPaths =
      options.scanLeakedPaths === false
        ? []
        : await scanLeakedPaths(source, {
            ...(options.buildDir === undefined ? {} : { buildDir: options.buildDir }),
            ...(options.buildPaths === undefined ? {} : { buildPaths: options.buildPaths }),
            ...(options.maxLeakedPaths === undefined ? {} : { maxHits: options.maxLeakedPaths }),
          });
    return {
      ...slices[0]!,
      fileSize: source.size,
      universal: container === "universal",
      slices,
      buildInfo,
      buildTarget: { goos: setting("GOOS"), goarch: setting("GOARCH") },
      leakedPaths,
    };
  });
}
