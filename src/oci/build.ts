// One image set: per platform an image of the release's files on a base, then an index over them.
import type { Blob } from "./blob.js";
import {
  type BaseImage,
  type BuiltImage,
  buildImage,
  buildIndex,
  imageBlobs,
  type RunSettings,
} from "./image.js";
import { buildLayer, type ImageFile } from "./layer.js";
import type { Descriptor, Platform } from "./media-types.js";

export interface PlatformInput {
  readonly platform: Platform;
  /** One layer per entry, in order; `createdBy` is its history line (`COPY api /usr/bin/api`). */
  readonly layers: ReadonlyArray<{ readonly files: readonly ImageFile[]; readonly createdBy: string }>;
  readonly base?: BaseImage;
}

export interface ImageSetInput {
  readonly platforms: readonly PlatformInput[];
  readonly settings: RunSettings;
  /** Unix seconds of the commit: file mtimes and every `created`. */
  readonly time: number;
  readonly annotations: Readonly<Record<string, string>>;
  /** Always write an index, even for one platform (`docker_manifests` and multi-platform sets do). */
  readonly forceIndex?: boolean;
}

export interface ImageSet {
  /** The manifest (one platform) or index (several) that tags point to. */
  readonly root: Descriptor;
  readonly images: readonly BuiltImage[];
  readonly blobs: readonly Blob[];
}

export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}

export async function buildImageSet(input: ImageSetInput): Promise<ImageSet> {
  const created = rfc3339(input.time);
  const images: BuiltImage[] = [];
  for (const p of input.platforms) {
    const layers = [];
    for (const l of p.layers) layers.push(await buildLayer(l.files, input.time, l.createdBy));
    images.push(
      buildImage({
        platform: p.platform,
        base: p.base,
        layers,
        settings: input.settings,
        created,
        annotations: input.annotations,
      }),
    );
  }
  const blobs = images.flatMap(imageBlobs);
  const only = images[0];
  if (images.length === 1 && only && !input.forceIndex) {
    const { platform: _platform, ...root } = only.descriptor;
    return { root, images, blobs };
  }
  const index = buildIndex(
    images.map((i) => i.descriptor),
    input.annotations,
  );
  return { root: index.descriptor, images, blobs: [...blobs, index.blob] };
}

/** An index over images built elsewhere in the release (`docker_manifests`). */
export function combineImages(
  manifests: readonly Descriptor[],
  annotations: Readonly<Record<string, string>>,
): { root: Descriptor; blobs: Blob[] } {
  const index = buildIndex(manifests, annotations);
  return { root: index.descriptor, blobs: [index.blob] };
}
