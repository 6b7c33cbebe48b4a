// Files are written into a staging folder inside dist and renamed into place only when the whole
// run succeeded, so a failed or interrupted run never leaves anything that looks complete.

import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "../artifacts/digest.js";
import { need, type ReleaseContext } from "../pipeline/context.js";

export interface WrittenFile {
  readonly size: number;
  readonly sha256: string;
}

/** Absolute staging path for a dist-relative posix path (parents created). */
export async function stagedPath(ctx: ReleaseContext, relPath: string): Promise<string> {
  const file = path.join(need(ctx, "stagingDir"), ...relPath.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

/** Writes a staged file and returns its size and digest, hashed from memory, not re-read. */
export async function writeStaged(
  ctx: ReleaseContext,
  relPath: string,
  data: Uint8Array | string,
  mode = 0o644,
): Promise<WrittenFile> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  await writeFile(await stagedPath(ctx, relPath), bytes, { mode });
  return { size: bytes.byteLength, sha256: sha256Hex(bytes) };
}

/** The bytes of a staged file (an earlier step's output). */
export async function readStaged(ctx: ReleaseContext, relPath: string): Promise<Buffer> {
  return readFile(await stagedPath(ctx, relPath));
}

/** Moves every staged artifact into dist; on a later failure the moved files are removed again. */
export async function publishStaged(
  ctx: ReleaseContext,
  relPaths: readonly string[],
  published: string[],
): Promise<void> {
  for (const relPath of relPaths) {
    const from = path.join(need(ctx, "stagingDir"), ...relPath.split("/"));
    const to = path.join(ctx.options.distDir, ...relPath.split("/"));
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
    published.push(to);
  }
}
