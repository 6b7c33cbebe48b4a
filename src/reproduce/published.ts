// Reads a published release for `goship rebuild`: metadata.json says what to rebuild, and the
// files themselves (or the digests in artifacts.json and checksums.txt) say what to expect.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseChecksumsFile } from "../checksum/format.js";
import { parseReleaseMetadata, type ReleaseMetadata } from "../metadata/metadata.js";
import type { ReleaseArtifact } from "./compare.js";
import { PublishedReleaseError } from "./errors.js";

export interface PublishedRelease {
  readonly dir: string;
  readonly metadata: ReleaseMetadata;
  readonly artifacts: readonly ReleaseArtifact[];
  /** artifacts.json was there, so every file of the release is known. */
  readonly listIsComplete: boolean;
  /** Files whose bytes do not match the digest a listing gives for them. */
  readonly mismatches: ReadonlyArray<{ path: string; listedIn: string }>;
}

/** Files that describe a run rather than the release, never rebuilt. */
const NOT_REBUILT = new Set(["artifacts.json", "reproducibility.json"]);
/** Kinds a rebuild does not make byte for byte: signatures are randomised and need the signer's key. */
export const SIGNED_KINDS: ReadonlySet<string> = new Set(["signature", "certificate", "provenance"]);

async function sha256Of(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

/** `input` is a dist directory or a checksums.txt with metadata.json beside it. */
export async function readPublishedRelease(input: string): Promise<PublishedRelease> {
  const info = await stat(input).catch(() => undefined);
  if (!info)
    throw new PublishedReleaseError(
      "the published release was not found; pass its dist directory or its checksums.txt",
      input,
    );
  const dir = info.isDirectory() ? input : path.dirname(input);
  const checksumsFile = info.isDirectory() ? path.join(dir, "checksums.txt") : input;
  const metadataFile = path.join(dir, "metadata.json");
  if (!existsSync(metadataFile)) {
    throw new PublishedReleaseError(
      "metadata.json was not found beside the release; goship rebuild needs it for the commit, targets and Go version",
      metadataFile,
    );
  }
  const metadata = parseReleaseMetadata(await readFile(metadataFile, "utf8"), metadataFile);

  const listed = new Map<string, { sha256: string; listedIn: string }>();
  const artifactsFile = path.join(dir, "artifacts.json");
  const listIsComplete = existsSync(artifactsFile);
  if (listIsComplete) {
    const entries = JSON.parse(await readFile(artifactsFile, "utf8")) as Array<{
      kind?: unknown;
      path?: unknown;
      sha256?: unknown;
    }>;
    for (const e of Array.isArray(entries) ? entries : []) {
      if (typeof e.kind === "string" && SIGNED_KINDS.has(e.kind)) continue;
      if (typeof e.path === "string" && typeof e.sha256 === "string")
        listed.set(e.path, { sha256: e.sha256, listedIn: "artifacts.json" });
    }
  }
  if (existsSync(checksumsFile)) {
    let lines: ReturnType<typeof parseChecksumsFile>;
    try {
      lines = parseChecksumsFile(await readFile(checksumsFile, "utf8"));
    } catch (error) {
      throw new PublishedReleaseError((error as Error).message, checksumsFile);
    }
    // checksums.txt is what users verify downloads against: its digests win over artifacts.json.
    for (const line of lines)
      if (line.hex.length === 64)
        listed.set(line.name, { sha256: line.hex, listedIn: path.basename(checksumsFile) });
    if (!listed.has("checksums.txt")) listed.set("checksums.txt", { sha256: "", listedIn: "" });
  }
  if (!listed.has("metadata.json")) listed.set("metadata.json", { sha256: "", listedIn: "" });

  const artifacts: ReleaseArtifact[] = [];
  const mismatches: Array<{ path: string; listedIn: string }> = [];
  for (const [relPath, entry] of [...listed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (NOT_REBUILT.has(relPath) || relPath.split("/").includes("..")) continue;
    const file = path.join(dir, ...relPath.split("/"));
    const present = existsSync(file);
    // The bytes in hand are what gets checked; a listing that disagrees with them is reported.
    const sha256 = present ? await sha256Of(file) : entry.sha256;
    if (present && entry.sha256 && entry.sha256 !== sha256)
      mismatches.push({ path: relPath, listedIn: entry.listedIn });
    if (sha256) artifacts.push({ path: relPath, sha256, file: present ? file : undefined });
  }
  return { dir, metadata, artifacts, listIsComplete, mismatches };
}
