// Pushing images from an OCI layout to registries: blobs first (skipped when present, mounted when
// another repository of the same registry has them), then manifests by digest, then the tags.

import { RegistryError } from "./errors.js";
import type { Layout } from "./layout.js";
import { type Descriptor, isIndexType } from "./media-types.js";
import { formatReference, parseReference } from "./reference.js";
import type { Credential } from "./registry/auth.js";
import { RegistryClient, type RegistryClientOptions } from "./registry/client.js";

export interface PushTarget {
  /** The image's ref name inside the layout. */
  readonly layoutRef: string;
  /** Where it goes: `registry/repository:tag`. */
  readonly references: readonly string[];
}

export interface PushInput {
  readonly layout: Layout;
  readonly targets: readonly PushTarget[];
  readonly credentialFor: (registry: string) => Promise<Credential | undefined>;
  readonly clientOptions?: Omit<RegistryClientOptions, "credential">;
  /** Called after each blob, so callers can report progress (or a test can stop a push half way). */
  readonly onBlob?: (event: { digest: string; action: BlobAction }) => void;
}

export type BlobAction = "uploaded" | "present" | "mounted";

export interface PushedImage {
  readonly reference: string;
  readonly digest: string;
}

export interface PushReport {
  readonly images: readonly PushedImage[];
  readonly uploaded: number;
  readonly present: number;
  readonly mounted: number;
  readonly bytesUploaded: number;
}

interface Manifest {
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/** Pushes every target's image to each of its references and reports what went over the wire. */
export async function pushImages(input: PushInput): Promise<PushReport> {
  const clients = new Map<string, RegistryClient>();
  /** Blobs known to be in a repository this run: `registry/repo@digest`. */
  const known = new Set<string>();
  /** For mounts: a repository of the same registry that has the blob. */
  const holders = new Map<string, string>();
  const counts = { uploaded: 0, present: 0, mounted: 0, bytesUploaded: 0 };
  const images: PushedImage[] = [];

  const clientFor = async (registry: string): Promise<RegistryClient> => {
    let client = clients.get(registry);
    if (!client) {
      const credential = await input.credentialFor(registry);
      client = new RegistryClient(registry, { ...input.clientOptions, credential });
      clients.set(registry, client);
    }
    return client;
  };

  const ensureBlob = async (client: RegistryClient, repo: string, descriptor: Descriptor) => {
    const key = `${client.registry}/${repo}@${descriptor.digest}`;
    if (known.has(key)) return;
    let action: BlobAction;
    const holder = holders.get(`${client.registry}@${descriptor.digest}`);
    if (await client.blobExists(repo, descriptor.digest)) action = "present";
    else if (holder && holder !== repo && (await client.mountBlob(repo, descriptor.digest, holder)))
      action = "mounted";
    else {
      const bytes = await input.layout.readBlob(descriptor.digest, descriptor.size);
      await client.uploadBlob(repo, descriptor.digest, bytes);
      action = "uploaded";
      counts.bytesUploaded += bytes.byteLength;
    }
    counts[action]++;
    known.add(key);
    holders.set(`${client.registry}@${descriptor.digest}`, repo);
    input.onBlob?.({ digest: descriptor.digest, action });
  };

  /** Pushes a manifest or index and everything below it; `tag` names the root, children go by digest. */
  const pushNode = async (client: RegistryClient, repo: string, descriptor: Descriptor, tag?: string) => {
    const bytes = await input.layout.readBlob(descriptor.digest, descriptor.size);
    const manifest = JSON.parse(Buffer.from(bytes).toString("utf8")) as Manifest;
    if (isIndexType(descriptor.mediaType)) {
      for (const child of manifest.manifests ?? []) await pushNode(client, repo, child);
    } else {
      for (const blob of [...(manifest.layers ?? []), ...(manifest.config ? [manifest.config] : [])]) {
        await ensureBlob(client, repo, blob);
      }
    }
    const digest = await client.putManifest(repo, tag ?? descriptor.digest, bytes, descriptor.mediaType);
    if (digest && digest !== descriptor.digest) {
      throw new RegistryError(
        `${client.registry} stored ${repo} under ${digest} instead of ${descriptor.digest}; it rewrote the manifest`,
        { details: { registry: client.registry } },
      );
    }
  };

  for (const target of input.targets) {
    const descriptor = input.layout.resolve(target.layoutRef);
    for (const text of target.references) {
      const ref = parseReference(text);
      const client = await clientFor(ref.registry);
      await pushNode(client, ref.repository, descriptor, ref.tag ?? descriptor.digest);
      images.push({ reference: formatReference(ref), digest: descriptor.digest });
    }
  }
  return { images, ...counts };
}
