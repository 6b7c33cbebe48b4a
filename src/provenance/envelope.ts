// DSSE envelopes around the provenance statement: one JSON line in `<project>.intoto.jsonl`, the
// form `cosign verify-blob-attestation --signature` and slsa tooling read.
import { type KeyObject, sign, verify } from "node:crypto";
import { pae } from "../sign/bundle.js";
import type { SigningKey } from "../sign/keys.js";
import { BadProvenanceError } from "./errors.js";
import { INTOTO_PAYLOAD_TYPE, SLSA_PROVENANCE_V1, STATEMENT_TYPE, type Statement } from "./statement.js";

export interface Envelope {
  readonly payloadType: string;
  readonly payload: string;
  readonly signatures: ReadonlyArray<{ readonly keyid: string; readonly sig: string }>;
}

const algorithmOf = (key: KeyObject) => (key.asymmetricKeyType === "ed25519" ? null : "sha256");

/** The statement signed into a DSSE envelope (ECDSA signatures are randomised: bytes differ per run). */
export function signStatement(statementJson: Uint8Array, key: SigningKey): Envelope {
  const sig = sign(algorithmOf(key.privateKey), pae(INTOTO_PAYLOAD_TYPE, statementJson), key.privateKey);
  return {
    payloadType: INTOTO_PAYLOAD_TYPE,
    payload: Buffer.from(statementJson).toString("base64"),
    signatures: [{ keyid: "", sig: sig.toString("base64") }],
  };
}

export interface ReadProvenance {
  readonly statement: Statement;
  /** The envelope it came in, if signed. */
  readonly envelope: Envelope | undefined;
}

/** Reads the first line of a `.intoto.jsonl`: a bare statement or a DSSE envelope holding one. */
export function readProvenance(text: string, file: string): ReadProvenance {
  const line = text.split("\n").find((l) => l.trim() !== "");
  if (line === undefined) throw new BadProvenanceError(`${file} is empty`);
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch (error) {
    throw new BadProvenanceError(`${file} is not JSON lines: ${(error as Error).message}`);
  }
  let envelope: Envelope | undefined;
  if (typeof value.payload === "string" && typeof value.payloadType === "string") {
    envelope = value as unknown as Envelope;
    try {
      value = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw new BadProvenanceError(`${file}: the DSSE payload is not a JSON statement`);
    }
  }
  if (value._type !== STATEMENT_TYPE || !Array.isArray(value.subject)) {
    throw new BadProvenanceError(`${file} is not an in-toto v1 statement (_type ${String(value._type)})`);
  }
  if (value.predicateType !== SLSA_PROVENANCE_V1) {
    throw new BadProvenanceError(
      `${file} has predicate ${String(value.predicateType)}, not SLSA provenance v1`,
    );
  }
  return { statement: value as unknown as Statement, envelope };
}

/** Whether one of the envelope's signatures verifies with `key`. */
export function envelopeSignedBy(envelope: Envelope, key: KeyObject): boolean {
  const payload = Buffer.from(envelope.payload, "base64");
  const message = pae(envelope.payloadType, payload);
  return envelope.signatures.some((s) =>
    verify(algorithmOf(key), message, key, Buffer.from(s.sig, "base64")),
  );
}
