// What publishing starts from: a dist that `goship release` made, checked again from its own
// bytes (artifacts.json sizes and digests, checksums files), so what is uploaded is exactly what
// was built and verified.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseChecksumsFile } from "../checksum/format.js";
import { parseReleaseMetadata, type ReleaseMetadata } from "../metadata/metadata.js";
import { DistNotPublishableError } from "./errors.js";

/** One entry of artifacts.json (only the fields publishing reads). */
export interface DistArtifact {
  readonly kind: string;
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly [field: string]: unknown;
}

export interface PublishableDist {
  readonly dir: string;
  readonly metadata: ReleaseMetadata;
  readonly artifacts: readonly DistArtifact[];
  /** CHANGELOG.md of the release, when it wrote one. */
  readonly changelog: string | undefined;
}

async function readText(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(dir, name), "utf8");
  } catch {
    return undefined;
  }
}

/** Reads and checks dist; refuses snapshots, dirty builds and any file that changed since. */
export async function readPublishableDist(dir: string): Promise<PublishableDist> {
  const metadataText = await readText(dir, "metadata.json");
  const artifactsText = await readText(dir, "artifacts.json");
  if (metadataText === undefined || artifactsText === undefined)
    throw new DistNotPublishableError(
      "dist has no metadata.json or artifacts.json, so it is not a finished goship release; run `goship release` first",
      { dist: dir },
    );
  const metadata = parseReleaseMetadata(metadataText, path.join(dir, "metadata.json"));
  if (metadata.snapshot)
    throw new DistNotPublishableError(
      "dist holds a snapshot (a test release); run `goship release` on a tagged, clean commit to publish",
      { dist: dir, version: metadata.version },
    );
  if (metadata.dirty)
    throw new DistNotPublishableError(
      "dist was built from a tree with uncommitted changes; commit, tag and release again to publish",
      { dist: dir },
    );
  let artifacts: DistArtifact[];
  try {
    artifacts = JSON.parse(artifactsText) as DistArtifact[];
    if (!Array.isArray(artifacts)) throw new Error("not a list");
  } catch (error) {
    throw new DistNotPublishableError(
      `artifacts.json cannot be read (${(error as Error).message}); run \`goship release\` again`,
      {
        dist: dir,
      },
    );
  }
  const digests = new Map<string, string>();
  for (const artifact of artifacts) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, artifact.path));
    } catch {
      throw new DistNotPublishableError(
        `${artifact.path} is listed in artifacts.json but missing; run \`goship release\` again`,
        {
          dist: dir,
        },
      );
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (bytes.length !== artifact.size || sha256 !== artifact.sha256)
      throw new DistNotPublishableError(
        `${artifact.path} changed after the release was made (its size or sha256 differs from artifacts.json); run \`goship release --clean\` again`,
        { dist: dir },
      );
    digests.set(artifact.name, sha256);
  }
  await checkChecksumFiles(dir, artifacts, digests);
  return { dir, metadata, artifacts, changelog: await readText(dir, "CHANGELOG.md") };
}

/** Every line of every checksums file must match the file it names. */
async function checkChecksumFiles(
  dir: string,
  artifacts: readonly DistArtifact[],
  digests: ReadonlyMap<string, string>,
): Promise<void> {
  for (const sums of artifacts.filter((a) => a.kind === "checksums" && a.algorithm !== "sha512")) {
    const text = await readFile(path.join(dir, sums.path), "utf8");
    let lines: ReturnType<typeof parseChecksumsFile>;
    try {
      lines = parseChecksumsFile(text);
    } catch (error) {
      throw new DistNotPublishableError(`${sums.path}: ${(error as Error).message}`, { dist: dir });
    }
    for (const line of lines) {
      const actual = digests.get(line.name);
      if (actual !== undefined && actual !== line.hex)
        throw new DistNotPublishableError(
          `${sums.path} does not match ${line.name}; run \`goship release --clean\` again`,
          {
            dist: dir,
          },
        );
    }
  }
}
