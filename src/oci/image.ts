// Image config, manifest and index: pure functions from layers and settings to canonical JSON blobs.
import { type Blob, describe, jsonBlob } from "./blob.js";
import type { Layer } from "./layer.js";
import { type Descriptor, MediaType, type Platform } from "./media-types.js";

/** The runtime settings of an image (the config's `config` object), Docker's names in camel case. */
export interface RunSettings {
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  /** `KEY=value` pairs; a key set here replaces the base image's value. */
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** `8080/tcp`, `53/udp`. */
  readonly exposedPorts?: readonly string[];
}

/** A base image read from a layout or a registry: its config and layers, pinned by digest. */
export interface BaseImage {
  /** Where it came from, as the user wrote it (`gcr.io/distroless/static`, `oci:./base:v1`). */
  readonly name: string;
  /** Digest of the base's manifest, recorded in `org.opencontainers.image.base.digest`. */
  readonly digest: string;
  readonly config: ImageConfigJson;
  readonly layers: readonly Descriptor[];
  /** The layer blobs, when they were read (a layout); a registry base is mounted by digest instead. */
  readonly blobs?: readonly Blob[];
}

export interface ImageSpec {
  readonly platform: Platform;
  readonly base?: BaseImage;
  readonly layers: readonly Layer[];
  readonly settings: RunSettings;
  /** RFC 3339: the commit time, so rebuilds give the same config digest. */
  readonly created: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface BuiltImage {
  readonly platform: Platform;
  readonly config: Blob;
  readonly manifest: Blob;
  /** The manifest's descriptor, with its platform, as an index lists it. */
  readonly descriptor: Descriptor;
  readonly layers: readonly Layer[];
  readonly base?: BaseImage;
}

export interface ImageConfigJson {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: Record<string, unknown>;
  rootfs?: { type: string; diff_ids: string[] };
  history?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

function mergeEnv(base: readonly string[], own: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const pair of [...base, ...own]) byKey.set(pair.split("=")[0] ?? pair, pair);
  return [...byKey.values()];
}

/** Docker's rules: a new ENTRYPOINT clears the base's CMD; labels and env are merged. */
export function runConfig(
  base: Record<string, unknown> | undefined,
  own: RunSettings,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(base ?? {}) };
  const baseEnv = Array.isArray(merged.Env) ? (merged.Env as string[]) : [];
  const env = mergeEnv(baseEnv, own.env ?? []);
  if (env.length > 0) merged.Env = env;
  if (own.entrypoint !== undefined) {
    merged.Entrypoint = [...own.entrypoint];
    if (own.cmd === undefined) delete merged.Cmd;
  }
  if (own.cmd !== undefined) merged.Cmd = [...own.cmd];
  if (own.user !== undefined) merged.User = own.user;
  if (own.workingDir !== undefined) merged.WorkingDir = own.workingDir;
  const labels = { ...((merged.Labels as Record<string, string> | undefined) ?? {}), ...(own.labels ?? {}) };
  if (Object.keys(labels).length > 0) merged.Labels = labels;
  if (own.exposedPorts && own.exposedPorts.length > 0) {
    const ports = { ...((merged.ExposedPorts as Record<string, object> | undefined) ?? {}) };
    for (const port of own.exposedPorts) ports[port.includes("/") ? port : `${port}/tcp`] = {};
    merged.ExposedPorts = ports;
  }
  return merged;
}

/** Builds the config and manifest of one platform's image. */
export function buildImage(spec: ImageSpec): BuiltImage {
  const base = spec.base?.config;
  const config: ImageConfigJson = {
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    variant: spec.platform.variant,
    created: spec.created,
    config: runConfig(base?.config, spec.settings),
    rootfs: {
      type: "layers",
      diff_ids: [...(base?.rootfs?.diff_ids ?? []), ...spec.layers.map((l) => l.diffId)],
    },
    history: [
      ...(base?.history ?? []),
      ...spec.layers.map((l) => ({ created: spec.created, created_by: l.createdBy, comment: "goship" })),
    ],
  };
  const configBlob = jsonBlob(config);
  const annotations: Record<string, string> = { ...spec.annotations };
  if (spec.base) {
    annotations["org.opencontainers.image.base.name"] = spec.base.name;
    annotations["org.opencontainers.image.base.digest"] = spec.base.digest;
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    config: describe(MediaType.config, configBlob),
    layers: [...(spec.base?.layers ?? []), ...spec.layers.map((l) => l.descriptor)],
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
  };
  const manifestBlob = jsonBlob(manifest);
  return {
    platform: spec.platform,
    config: configBlob,
    manifest: manifestBlob,
    descriptor: describe(MediaType.manifest, manifestBlob, { platform: spec.platform }),
    layers: spec.layers,
    base: spec.base,
  };
}

/** A multi-platform index over manifests, in the order given (the config's platform order). */
export function buildIndex(
  manifests: readonly Descriptor[],
  annotations: Readonly<Record<string, string>>,
): { blob: Blob; descriptor: Descriptor } {
  const blob = jsonBlob({
    schemaVersion: 2,
    mediaType: MediaType.index,
    manifests,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
  });
  return { blob, descriptor: describe(MediaType.index, blob) };
}

/** Every blob an image needs in a layout: config, manifest, its own layers and the base's when read. */
export function imageBlobs(image: BuiltImage): Blob[] {
  return [image.config, image.manifest, ...(image.base?.blobs ?? []), ...image.layers.map((l) => l.blob)];
}

/** The standard annotations: where the image comes from, which commit, which version, when. */
export function standardAnnotations(facts: {
  source?: string;
  revision: string;
  version: string;
  created: string;
}): Record<string, string> {
  const out: Record<string, string> = {
    "org.opencontainers.image.created": facts.created,
    "org.opencontainers.image.revision": facts.revision,
    "org.opencontainers.image.version": facts.version,
  };
  if (facts.source) out["org.opencontainers.image.source"] = facts.source;
  return out;
}
