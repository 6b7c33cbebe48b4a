// Signing keys for goship's native signatures: ECDSA P-256 or Ed25519, as PEM (PKCS#8, optionally
// encrypted) from a file or an environment variable. Key material never reaches a message or a log.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { SigningKeyError } from "./errors.js";

export type KeyAlgorithm = "ecdsa-p256" | "ed25519";

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly algorithm: KeyAlgorithm;
  /** base64 SHA-256 of the public key's DER, the hint Sigstore bundles carry (as cosign writes it). */
  readonly hint: string;
}

function algorithmOf(key: KeyObject, where: string): KeyAlgorithm {
  if (key.asymmetricKeyType === "ed25519") return "ed25519";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1")
    return "ecdsa-p256";
  throw new SigningKeyError(
    `the key in ${where} is ${key.asymmetricKeyType ?? "unknown"}; use an ECDSA P-256 or Ed25519 key`,
    { details: { hint: "openssl genpkey -algorithm ed25519 -out goship.key" } },
  );
}

export function keyHint(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("base64");
}

/** Reads a private key from PEM text; `where` names its source in errors (a path or `$VAR`). */
export function parseSigningKey(pem: string, where: string, passphrase?: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem", ...(passphrase ? { passphrase } : {}) });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const reason = /PASSPHRASE|DECRYPT|BAD_DECRYPT/i.test(`${code} ${(error as Error).message}`)
      ? "it is encrypted and the passphrase is missing or wrong (set GOSHIP_SIGNING_PASSWORD)"
      : "it is not a PEM private key (PKCS#8 ECDSA P-256 or Ed25519)";
    throw new SigningKeyError(`cannot read the signing key in ${where}: ${reason}`);
  }
  const algorithm = algorithmOf(privateKey, where);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, algorithm, hint: keyHint(publicKey) };
}

/** A key named `env:VAR` (PEM in that variable) or a file path. */
export async function loadSigningKey(spec: string, env: NodeJS.ProcessEnv): Promise<SigningKey> {
  const passphrase = env.GOSHIP_SIGNING_PASSWORD;
  if (spec.startsWith("env:")) {
    const name = spec.slice(4);
    const value = env[name];
    if (!value) throw new SigningKeyError(`the signing key variable ${name} is not set or empty`);
    return parseSigningKey(value, `$${name}`, passphrase);
  }
  const pem = await readFile(spec, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new SigningKeyError(`cannot read the signing key file ${spec}: ${error.code ?? "unreadable"}`);
  });
  return parseSigningKey(pem, spec, passphrase);
}

/** A public key from PEM (SPKI) text, for verification. */
export function parsePublicKey(pem: string, where: string): KeyObject {
  try {
    const key = createPublicKey({ key: pem, format: "pem" });
    algorithmOf(key, where);
    return key;
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`${where} is not a PEM public key (ECDSA P-256 or Ed25519)`);
  }
}
