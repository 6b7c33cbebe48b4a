// Content-addressed blobs and the canonical JSON that makes image digests reproducible.
import { createHash } from "node:crypto";
import type { Descriptor } from "./media-types.js";

export interface Blob {
  readonly digest: string;
  readonly bytes: Uint8Array;
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

export function toBlob(bytes: Uint8Array): Blob {
  return { digest: sha256Digest(bytes), bytes };
}

export function describe(
  mediaType: string,
  blob: Blob,
  extra: Omit<Descriptor, "mediaType" | "digest" | "size"> = {},
): Descriptor {
  return { mediaType, digest: blob.digest, size: blob.bytes.byteLength, ...extra };
}

/**
 * JSON with object keys sorted by code point and no white space, so that the same image is the
 * same bytes (and digest) whichever code path or Node version assembled the object.
 */
export function canonicalJson(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(sortKeys(value)), "utf8");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function jsonBlob(value: unknown): Blob {
  return toBlob(canonicalJson(value));
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}
