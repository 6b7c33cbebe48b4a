// Reads an artifact's bytes into an SbomSubject: a Go binary, or an archive and the Go binaries in it.
import { createHash } from "node:crypto";
import { isArchiveName, readArchive } from "../archive/read/index.js";
import { isBinaryReadError } from "../inspect/errors.js";
import { readBuildInfo } from "../inspect/read-binary.js";
import { NothingToDescribeError } from "./errors.js";
import type { SbomBinary, SbomFile, SbomSubject } from "./subject.js";

const digest = (algorithm: "sha1" | "sha256", bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest("hex");

export interface DescribeOptions {
  /** Unix seconds recorded as the document time. */
  readonly time: number;
  readonly toolVersion: string;
}

async function goBinary(path: string, bytes: Uint8Array): Promise<SbomBinary | undefined> {
  try {
    const info = await readBuildInfo(bytes);
    return { path, sha256: digest("sha256", bytes), size: bytes.length, info };
  } catch (error) {
    if (isBinaryReadError(error)) return undefined;
    throw error;
  }
}

/** Describes a Go binary, or an archive (`.tar.gz`, `.tar`, `.zip`) with every file and Go binary in it. */
export async function describeArtifact(
  name: string,
  bytes: Uint8Array,
  options: DescribeOptions,
): Promise<SbomSubject> {
  if (isArchiveName(name)) {
    const listing = await readArchive(bytes);
    const entries = listing.entries.filter((e) => e.type === "file");
    return describeContents(
      name,
      bytes,
      entries.map((e) => ({ path: e.name, data: e.data })),
      options,
    );
  }
  const binary = await goBinary(name, bytes);
  if (binary === undefined) {
    throw new NothingToDescribeError(`${name} is neither a Go binary nor a .tar.gz, .tar or .zip archive`, {
      details: { file: name },
    });
  }
  const common = { name, sha256: digest("sha256", bytes), size: bytes.length, ...options };
  return { ...common, kind: "binary", binaries: [binary], files: [] };
}

/**
 * Describes an artifact that holds files (an archive, or a package read by its kind): every
 * regular file, sorted by path, and the Go binaries among them. Installed paths (`/usr/bin/app`)
 * are listed relative to the root, as archive entries are.
 */
export async function describeContents(
  name: string,
  bytes: Uint8Array,
  contents: ReadonlyArray<{ readonly path: string; readonly data: Uint8Array }>,
  options: DescribeOptions,
): Promise<SbomSubject> {
  const files: SbomFile[] = [];
  const binaries: SbomBinary[] = [];
  const entries = contents.map((c) => ({ path: c.path.replace(/^\/+/, ""), data: c.data }));
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    files.push({
      path: entry.path,
      sha1: digest("sha1", entry.data),
      sha256: digest("sha256", entry.data),
      size: entry.data.length,
    });
    const binary = await goBinary(entry.path, entry.data);
    if (binary !== undefined) binaries.push(binary);
  }
  const common = { name, sha256: digest("sha256", bytes), size: bytes.length, ...options };
  return { ...common, kind: "archive", binaries, files };
}
