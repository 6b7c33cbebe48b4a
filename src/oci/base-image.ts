// Base images: `scratch` (none), an OCI layout on disk (`oci:DIR[:REF]`) or a registry reference,
// resolved to one platform's manifest and pinned by digest.
import { type Blob, sha256Digest } from "./blob.js";
import { ImageConfigError } from "./errors.js";
import type { BaseImage, ImageConfigJson } from "./image.js";
import { Layout } from "./layout.js";
import { type Descriptor, isIndexType, type Platform } from "./media-types.js";
import { formatPlatform, platformMatches } from "./platform.js";
import { parseReference } from "./reference.js";
import type { RegistryClient } from "./registry/client.js";

/** Where a base image is read from. */
export type BaseSource =
  | { readonly kind: "scratch" }
  | { readonly kind: "layout"; readonly dir: string; readonly ref?: string; readonly name: string }
  | { readonly kind: "registry"; readonly reference: string };

export function parseBaseSource(text: string | undefined, resolveDir: (p: string) => string): BaseSource {
  const value = (text ?? "").trim();
  if (value === "" || value === "scratch") return { kind: "scratch" };
  if (value.startsWith("oci:") || value.startsWith("oci-layout:")) {
    const rest = value.slice(value.indexOf(":") + 1);
    const colon = rest.indexOf(":");
    const dir = colon === -1 ? rest : rest.slice(0, colon);
    const ref = colon === -1 ? undefined : rest.slice(colon + 1);
    return { kind: "layout", dir: resolveDir(dir), ref, name: value };
  }
  parseReference(value);
  return { kind: "registry", reference: value };
}

interface ManifestJson {
  config: Descriptor;
  layers: Descriptor[];
  manifests?: Descriptor[];
}

/** The manifest for one platform: the index entry that matches, or a plain manifest when it does. */
async function pickPlatform(
  root: Descriptor,
  read: (d: Descriptor) => Promise<Uint8Array>,
  platform: Platform,
  name: string,
): Promise<Descriptor> {
  if (!isIndexType(root.mediaType)) return root;
  const index = JSON.parse(Buffer.from(await read(root)).toString("utf8")) as ManifestJson;
  const found = (index.manifests ?? []).find((m) => m.platform && platformMatches(platform, m.platform));
  if (!found) {
    const offered = (index.manifests ?? [])
      .map((m) => (m.platform ? formatPlatform(m.platform) : "?"))
      .join(", ");
    throw new ImageConfigError(
      `base image ${name} has no ${formatPlatform(platform)} variant (it has ${offered}); pick a base that does or drop that platform`,
    );
  }
  return found;
}

async function assemble(
  name: string,
  manifestDescriptor: Descriptor,
  read: (d: Descriptor) => Promise<Uint8Array>,
  platform: Platform,
): Promise<BaseImage> {
  const manifest = JSON.parse(Buffer.from(await read(manifestDescriptor)).toString("utf8")) as ManifestJson;
  const config = JSON.parse(Buffer.from(await read(manifest.config)).toString("utf8")) as ImageConfigJson;
  if (
    config.os &&
    config.architecture &&
    !platformMatches(platform, { os: config.os, architecture: config.architecture, variant: config.variant })
  ) {
    throw new ImageConfigError(
      `base image ${name} is ${config.os}/${config.architecture}, not ${formatPlatform(platform)}`,
    );
  }
  const blobs: Blob[] = [];
  for (const layer of manifest.layers) blobs.push({ digest: layer.digest, bytes: await read(layer) });
  return { name, digest: manifestDescriptor.digest, config, layers: manifest.layers, blobs };
}

/** Reads a base for one platform from an OCI layout; every blob is checked against its digest. */
export async function baseFromLayout(
  source: { dir: string; ref?: string; name: string },
  platform: Platform,
): Promise<BaseImage> {
  const layout = await Layout.open(source.dir);
  const read = (d: Descriptor) => layout.readBlob(d.digest, d.size);
  const chosen = await pickPlatform(layout.resolve(source.ref), read, platform, source.name);
  return assemble(source.name, chosen, read, platform);
}

/** Pulls a base for one platform from a registry (layers too: the layout in dist must be complete). */
export async function baseFromRegistry(
  client: RegistryClient,
  reference: string,
  platform: Platform,
): Promise<BaseImage> {
  const ref = parseReference(reference);
  const { bytes, mediaType } = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? "latest");
  const root: Descriptor = { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength };
  if (ref.digest && root.digest !== ref.digest) {
    throw new ImageConfigError(`base image ${reference} served a manifest whose digest is ${root.digest}`);
  }
  const read = async (d: Descriptor) => {
    if (d.digest === root.digest) return bytes;
    if (isIndexType(d.mediaType) || d.mediaType.includes("manifest")) {
      return (await client.getManifest(ref.repository, d.digest)).bytes;
    }
    const blob = await client.getBlob(ref.repository, d.digest);
    if (sha256Digest(blob) !== d.digest)
      throw new ImageConfigError(`base image ${reference}: blob ${d.digest} does not match its digest`);
    return blob;
  };
  const chosen = await pickPlatform(root, read, platform, reference);
  return assemble(`${ref.registry}/${ref.repository}`, chosen, read, platform);
}
