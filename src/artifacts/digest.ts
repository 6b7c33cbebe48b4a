// Digests of release files. A release hashes the same buffers at several points (cache check,
// artifact, staging write), so each buffer's SHA-256 is computed once.
import { createHash } from "node:crypto";

export type ChecksumAlgorithm = "sha256" | "sha512";

/** The lowercase hex digest of `data`. */
export function digestHex(data: Uint8Array, algorithm: ChecksumAlgorithm): string {
  return algorithm === "sha256" ? sha256Hex(data) : createHash(algorithm).update(data).digest("hex");
}

const sha256s = new WeakMap<Uint8Array, string>();

/** The SHA-256 of `data`, computed once per buffer (buffers must not change after hashing). */
export function sha256Hex(data: Uint8Array): string {
  let hex = sha256s.get(data);
  if (hex === undefined) {
    hex = createHash("sha256").update(data).digest("hex");
    sha256s.set(data, hex);
  }
  return hex;
}
