// Reads a release's OCI layout back: every blob hashes to its name and every manifest's config,
// layers and children are present, starting from the index.json that checksums.txt covers.
import { posix } from "node:path";
import { sha256Digest } from "./blob.js";
import { blobPath } from "./layout.js";
import { type Descriptor, isIndexType } from "./media-types.js";

export interface LayoutCheck {
  readonly check: string;
  readonly status: "pass" | "fail" | "skip";
  readonly detail: string;
  readonly subject?: string;
}

/** `read` takes a path relative to the layout's parent (dist): `images/blobs/sha256/…`. */
export async function verifyLayout(
  indexBytes: Uint8Array,
  layoutDir: string,
  read: (relPath: string) => Promise<Uint8Array>,
): Promise<LayoutCheck[]> {
  const results: LayoutCheck[] = [];
  const seen = new Set<string>();
  let blobs = 0;
  const fail = (detail: string, subject?: string) =>
    results.push({ check: "image layout", status: "fail", detail, subject });

  const visit = async (descriptor: Descriptor, via: string): Promise<void> => {
    if (seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    const rel = posix.join(layoutDir, blobPath(descriptor.digest));
    let bytes: Uint8Array;
    try {
      bytes = await read(rel);
    } catch {
      fail(`${descriptor.digest} (${via}) is missing`, rel);
      return;
    }
    blobs++;
    if (sha256Digest(bytes) !== descriptor.digest || bytes.byteLength !== descriptor.size) {
      fail(`${descriptor.digest} (${via}) does not match its digest or size`, rel);
      return;
    }
    const isManifest = isIndexType(descriptor.mediaType) || descriptor.mediaType.includes("manifest");
    if (!isManifest) return;
    const json = JSON.parse(Buffer.from(bytes).toString("utf8")) as {
      manifests?: Descriptor[];
      config?: Descriptor;
      layers?: Descriptor[];
    };
    for (const child of json.manifests ?? []) await visit(child, `in ${descriptor.digest.slice(0, 19)}`);
    if (json.config) await visit(json.config, "config");
    for (const layer of json.layers ?? []) await visit(layer, "layer");
  };

  let index: { manifests?: Descriptor[] };
  try {
    index = JSON.parse(Buffer.from(indexBytes).toString("utf8")) as typeof index;
  } catch {
    return [{ check: "image layout", status: "fail", detail: "index.json is not JSON" }];
  }
  for (const entry of index.manifests ?? []) {
    await visit(entry, entry.annotations?.["org.opencontainers.image.ref.name"] ?? "index.json");
  }
  if (results.length === 0) {
    results.push({
      check: "image layout",
      status: "pass",
      detail: `${index.manifests?.length ?? 0} references, ${blobs} blobs, each matching its digest`,
    });
  }
  return results;
}
