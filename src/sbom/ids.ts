// Identifiers that must be unique yet reproducible: derived from the content, never random.
import { createHash } from "node:crypto";

// A fixed namespace for goship's name-based UUIDs (RFC 4122 version 5).
const NAMESPACE = Buffer.from("6f2b0c3e7d0a4f5e9b1c2d3e4f5a6b7c", "hex");

/** An RFC 4122 version-5 UUID of `name`: the same input always gives the same serial number. */
export function contentUuid(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
