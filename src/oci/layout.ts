// The OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json` and `blobs/sha256/*`.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Blob, canonicalJson, isDigest, sha256Digest } from "./blob.js";
import { LayoutError } from "./errors.js";
import { type Descriptor, MediaType, REF_NAME } from "./media-types.js";

export interface LayoutFile {
  /** Posix path inside the layout directory. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(":");
  return `blobs/${algorithm}/${hex}`;
}

/**
 * The files of a layout: each blob once, sorted by digest, and an index.json whose entries are
 * sorted by ref name, so the same images give the same bytes whatever order they were built in.
 */
export function layoutFiles(blobs: readonly Blob[], entries: readonly Descriptor[]): LayoutFile[] {
  const unique = new Map<string, Blob>();
  for (const blob of blobs) unique.set(blob.digest, blob);
  const refName = (d: Descriptor) => d.annotations?.[REF_NAME] ?? "";
  const sorted = [...entries].sort((a, b) =>
    refName(a) < refName(b) ? -1 : refName(a) > refName(b) ? 1 : 0,
  );
  const index = { schemaVersion: 2, mediaType: MediaType.index, manifests: sorted };
  return [
    { path: "oci-layout", bytes: canonicalJson({ imageLayoutVersion: "1.0.0" }) },
    { path: "index.json", bytes: canonicalJson(index) },
    ...[...unique.values()]
      .sort((a, b) => (a.digest < b.digest ? -1 : 1))
      .map((blob) => ({ path: blobPath(blob.digest), bytes: blob.bytes })),
  ];
}

/** Writes layout files into a directory (tests and the `oci:` output; the release stages them). */
export async function writeLayoutDir(dir: string, files: readonly LayoutFile[]): Promise<void> {
  for (const file of files) {
    const target = path.join(dir, ...file.path.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { mode: 0o644 });
  }
}

export function withRefName(descriptor: Descriptor, ref: string): Descriptor {
  const { platform: _platform, ...rest } = descriptor;
  return { ...rest, annotations: { ...(descriptor.annotations ?? {}), [REF_NAME]: ref } };
}

/** A layout on disk, read lazily; every blob is checked against its digest when read. */
export class Layout {
  readonly dir: string;
  readonly index: { manifests: Descriptor[] };

  private constructor(dir: string, index: { manifests: Descriptor[] }) {
    this.dir = dir;
    this.index = index;
  }

  static async open(dir: string): Promise<Layout> {
    let marker: { imageLayoutVersion?: unknown };
    let index: { manifests?: unknown };
    try {
      marker = JSON.parse(await readFile(path.join(dir, "oci-layout"), "utf8"));
      index = JSON.parse(await readFile(path.join(dir, "index.json"), "utf8"));
    } catch (error) {
      throw new LayoutError(
        "not a readable OCI image layout (oci-layout and index.json are needed); point to the directory that holds them",
        dir,
        { cause: error },
      );
    }
    if (marker.imageLayoutVersion !== "1.0.0") {
      throw new LayoutError(
        `unsupported OCI layout version ${JSON.stringify(marker.imageLayoutVersion)}`,
        dir,
      );
    }
    if (!Array.isArray(index.manifests)) throw new LayoutError("index.json has no manifests list", dir);
    return new Layout(dir, { manifests: index.manifests as Descriptor[] });
  }

  /** The index.json entry for a ref name, or the only entry when `ref` is undefined. */
  resolve(ref: string | undefined): Descriptor {
    const entries = this.index.manifests;
    if (ref === undefined) {
      if (entries.length === 1 && entries[0]) return entries[0];
      throw new LayoutError(
        `the layout holds ${entries.length} images; name one with :<ref> (${this.refNames().join(", ")})`,
        this.dir,
      );
    }
    const found = entries.find((d) => d.annotations?.[REF_NAME] === ref);
    if (!found) {
      throw new LayoutError(
        `no image named ${JSON.stringify(ref)}; the layout has ${this.refNames().join(", ")}`,
        this.dir,
      );
    }
    return found;
  }

  refNames(): string[] {
    return this.index.manifests.map((d) => d.annotations?.[REF_NAME] ?? "(unnamed)");
  }

  async readBlob(digest: string, expectedSize?: number): Promise<Uint8Array> {
    if (!isDigest(digest)) throw new LayoutError(`unsupported digest ${JSON.stringify(digest)}`, this.dir);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path.join(this.dir, ...blobPath(digest).split("/")));
    } catch (error) {
      throw new LayoutError(`blob ${digest} is missing; the layout is incomplete`, this.dir, {
        cause: error,
      });
    }
    if (sha256Digest(bytes) !== digest || (expectedSize !== undefined && bytes.byteLength !== expectedSize)) {
      throw new LayoutError(
        `blob ${digest} does not match its digest or size; the layout is corrupt`,
        this.dir,
      );
    }
    return bytes;
  }

  async readJson<T>(descriptor: Descriptor): Promise<T> {
    return JSON.parse(
      Buffer.from(await this.readBlob(descriptor.digest, descriptor.size)).toString("utf8"),
    ) as T;
  }
}
