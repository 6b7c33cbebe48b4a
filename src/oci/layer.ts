// Image layers: a deterministic tar of the files, gzip'd with a pinned header and level.
import { type ArchiveEntry, DEFAULT_LEVEL } from "../archive/formats/entry.js";
import { gzip } from "../archive/formats/gzip.js";
import { writeTar } from "../archive/formats/tar.js";
import { type Blob, describe, sha256Digest, toBlob } from "./blob.js";
import { type Descriptor, MediaType } from "./media-types.js";

/** One file in an image, at an absolute path such as `/ko-app/api`. */
export interface ImageFile {
  readonly path: string;
  readonly mode: number;
  readonly data: Uint8Array;
}

export interface Layer {
  readonly blob: Blob;
  readonly descriptor: Descriptor;
  /** Digest of the uncompressed tar: what the image config lists in `rootfs.diff_ids`. */
  readonly diffId: string;
  /** A line for the config's history, like `COPY api /usr/bin/api`. */
  readonly createdBy: string;
}

/**
 * Tar entries for the files plus every parent directory (mode 0755), so the layer unpacks onto
 * scratch, where no directory exists yet.
 */
export function layerEntries(files: readonly ImageFile[]): ArchiveEntry[] {
  const entries = new Map<string, ArchiveEntry>();
  for (const file of files) {
    const rel = file.path.replace(/^\/+/, "");
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!entries.has(dir)) entries.set(dir, { path: dir, kind: "dir", mode: 0o755 });
    }
    entries.set(rel, { path: rel, kind: "file", mode: file.mode, data: file.data });
  }
  return [...entries.values()];
}

/** Writes one layer; every entry's mtime is `mtime` (the commit time), so rebuilds match. */
export async function buildLayer(
  files: readonly ImageFile[],
  mtime: number,
  createdBy: string,
): Promise<Layer> {
  const tar = writeTar(layerEntries(files), { mtime, level: DEFAULT_LEVEL });
  const blob = toBlob(await gzip(tar, DEFAULT_LEVEL));
  return { blob, descriptor: describe(MediaType.layerGzip, blob), diffId: sha256Digest(tar), createdBy };
}
