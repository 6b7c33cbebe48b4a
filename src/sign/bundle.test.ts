import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pae, signBlob, signEnvelope, verifyBundle } from "./bundle.js";
import { SignatureMismatchError, SigningKeyError } from "./errors.js";
import { parsePublicKey, parseSigningKey } from "./keys.js";

function keyPair(type: "ec" | "ed25519") {
  const pair =
    type === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("ed25519");
  const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  return { key: parseSigningKey(pem, "test.key"), publicKey: pair.publicKey };
}

describe("native Sigstore bundles", () => {
  const blob = Buffer.from("abc  file.tar.gz\n");

  for (const type of ["ec", "ed25519"] as const) {
    it(`signs and verifies a DSSE statement with ${type}`, () => {
      const { key, publicKey } = keyPair(type);
      const bundle = signEnvelope(Buffer.from("{}"), "application/vnd.in-toto+json", key);
      expect(Buffer.from(verifyBundle(Buffer.from(bundle).toString(), publicKey)!).toString()).toBe("{}");
    });
  }

  it.each(["ec", "ed25519"] as const)(
    "signs a blob with %s and rejects other bytes or another key",
    (type) => {
      const { key, publicKey } = keyPair(type);
      const bundle = Buffer.from(signBlob(blob, key)).toString();
      const parsed = JSON.parse(bundle) as {
        mediaType: string;
        verificationMaterial: { publicKey: { hint: string } };
      };
      expect(parsed.mediaType).toBe("application/vnd.dev.sigstore.bundle.v0.3+json");
      expect(parsed.verificationMaterial.publicKey.hint).toBe(key.hint);
      expect(verifyBundle(bundle, publicKey, blob)).toBeUndefined();
      expect(() => verifyBundle(bundle, publicKey, Buffer.from("tampered"))).toThrow(SignatureMismatchError);
      expect(() => verifyBundle(bundle, keyPair(type).publicKey, blob)).toThrow(SignatureMismatchError);
    },
  );

  it("encodes DSSE's pre-authentication as the spec's example", () => {
    expect(pae("http://example.com/HelloWorld", Buffer.from("hello world")).toString()).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
  });

  it("refuses keys it cannot use, without printing them", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    expect(() => parseSigningKey(rsa, "rsa.key")).toThrow(/rsa; use an ECDSA P-256 or Ed25519 key/);
    expect(() => parseSigningKey("secret-not-a-key", "$KEY")).toThrow(SigningKeyError);
    try {
      parseSigningKey("secret-not-a-key", "$KEY");
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
    }
    expect(() => parsePublicKey("nope", "cosign.pub")).toThrow(/not a PEM public key/);
  });
});
