// Native signatures as Sigstore bundles (v0.3, key-based, no transparency log), which
// `cosign verify-blob --key` and the sigstore verifiers accept offline.
import { createHash, type KeyObject, sign, verify } from "node:crypto";
import { bundleFromJSON, bundleToJSON, toDSSEBundle, toMessageSignatureBundle } from "@sigstore/bundle";
import { toSignedEntity, toTrustMaterial, Verifier } from "@sigstore/verify";
import { SignatureMismatchError } from "./errors.js";
import { keyHint, type SigningKey } from "./keys.js";

/** The bytes a bundle file holds: its JSON, then a newline. */
function bundleBytes(bundle: Parameters<typeof bundleToJSON>[0]): Uint8Array {
  return Buffer.from(`${JSON.stringify(bundleToJSON(bundle))}\n`, "utf8");
}

/** Ed25519 signs the message itself; ECDSA P-256 signs its SHA-256 (DER signature, as cosign). */
function signBytes(key: SigningKey, data: Uint8Array): Buffer {
  return sign(key.algorithm === "ed25519" ? null : "sha256", data, key.privateKey);
}

/** A bundle with a signature over `blob` (a message signature, as `cosign sign-blob` makes). */
export function signBlob(blob: Uint8Array, key: SigningKey): Uint8Array {
  const digest = createHash("sha256").update(blob).digest();
  return bundleBytes(
    toMessageSignatureBundle({ digest, signature: signBytes(key, blob), keyHint: key.hint }),
  );
}

/** DSSE pre-authentication encoding (secure-systems-lab/dsse protocol v1). */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, "utf8"),
    type,
    Buffer.from(` ${payload.length} `, "utf8"),
    payload,
  ]);
}

/** A bundle holding a DSSE envelope of `payload` (an in-toto statement), signed with `key`. */
export function signEnvelope(payload: Uint8Array, payloadType: string, key: SigningKey): Uint8Array {
  const signature = signBytes(key, pae(payloadType, payload));
  return bundleBytes(
    toDSSEBundle({ artifact: Buffer.from(payload), artifactType: payloadType, signature, keyHint: key.hint }),
  );
}

/**
 * Checks a bundle with the sigstore verifier against a public key, offline: no transparency log and
 * no timestamp authority, as `cosign verify-blob --insecure-ignore-tlog` does. `blob` is the signed
 * file for a message signature; a DSSE bundle carries its payload. Returns the DSSE payload, if any.
 */
export function verifyBundle(
  bundleText: string,
  publicKey: KeyObject,
  blob?: Uint8Array,
): Uint8Array | undefined {
  let bundle: ReturnType<typeof bundleFromJSON>;
  try {
    bundle = bundleFromJSON(JSON.parse(bundleText));
  } catch (error) {
    throw new SignatureMismatchError(`not a Sigstore bundle: ${(error as Error).message}`);
  }
  const hint = keyHint(publicKey);
  const trust = toTrustMaterial(
    {
      mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
      tlogs: [],
      certificateAuthorities: [],
      ctlogs: [],
      timestampAuthorities: [],
    },
    () => ({ publicKey, validFor: () => true }),
  );
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  const content = bundle.content;
  try {
    if (publicKey.asymmetricKeyType === "ed25519" && content.$case === "messageSignature") {
      // The sigstore verifier hashes messages before checking them, which Ed25519 does not do; the
      // same checks are made here: the digest names these bytes and the signature covers them.
      const signed = content.messageSignature;
      const digest = createHash("sha256")
        .update(blob ?? new Uint8Array())
        .digest();
      if (!digest.equals(Buffer.from(signed.messageDigest?.digest ?? []))) throw new Error("digest mismatch");
      if (!verify(null, blob ?? new Uint8Array(), publicKey, signed.signature))
        throw new Error("bad signature");
    } else {
      verifier.verify(toSignedEntity(bundle, blob === undefined ? undefined : Buffer.from(blob)));
    }
  } catch (error) {
    throw new SignatureMismatchError(`the signature does not match: ${(error as Error).message}`, {
      details: { key: hint },
    });
  }
  return content.$case === "dsseEnvelope" ? Uint8Array.from(content.dsseEnvelope.payload) : undefined;
}

/** A raw check without the bundle library, used to confirm a DSSE signature independently. */
export function verifyPae(
  payloadType: string,
  payload: Uint8Array,
  signature: Uint8Array,
  key: KeyObject,
): boolean {
  const algorithm = key.asymmetricKeyType === "ed25519" ? null : "sha256";
  return verify(algorithm, pae(payloadType, payload), key, signature);
}

/** The hex SHA-256 a message-signature bundle says it signs, or undefined. */
export function bundleDigestHex(bundleText: string): string | undefined {
  try {
    const bundle = bundleFromJSON(JSON.parse(bundleText));
    const content = bundle.content;
    return content.$case === "messageSignature"
      ? Buffer.from(content.messageSignature.messageDigest?.digest ?? []).toString("hex")
      : undefined;
  } catch {
    return undefined;
  }
}
