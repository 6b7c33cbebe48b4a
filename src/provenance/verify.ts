// `goship verify --provenance`: the statement's subjects against the files beside it and against
// checksums.txt, and its signature against a public key.

import type { KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "../artifacts/digest.js";
import { envelopeSignedBy, readProvenance } from "./envelope.js";

export interface ProvenanceReport {
  readonly file: string;
  readonly subjects: number;
  readonly signed: boolean;
  /** Whether the signature was checked against a key and held. */
  readonly signatureVerified: boolean;
  /** Each problem in one sentence; empty when the provenance holds. */
  readonly problems: readonly string[];
}

export interface VerifyProvenanceOptions {
  readonly publicKey?: KeyObject;
  /** checksums.txt text: every line must be a subject and every subject a line. */
  readonly checksums?: string;
}

/** Checks a provenance file against the directory it sits in. */
export async function verifyProvenance(
  file: string,
  options: VerifyProvenanceOptions = {},
): Promise<ProvenanceReport> {
  const dir = path.dirname(file);
  const { statement, envelope } = readProvenance(await readFile(file, "utf8"), path.basename(file));
  const problems: string[] = [];
  for (const subject of statement.subject) {
    const name = subject.name;
    if (name.includes("/") || name.includes("\\") || name.startsWith(".")) {
      problems.push(`subject ${name} is not a file name in this directory`);
      continue;
    }
    const bytes = await readFile(path.join(dir, name)).catch(() => undefined);
    if (bytes === undefined) problems.push(`${name} is missing`);
    else if (sha256Hex(bytes) !== subject.digest?.sha256)
      problems.push(`${name} does not match its SHA-256 in the provenance`);
  }
  if (options.checksums !== undefined) {
    const listed = new Map<string, string>();
    for (const line of options.checksums.split("\n")) {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (match) listed.set(match[2]!, match[1]!);
    }
    const subjects = new Map(statement.subject.map((s) => [s.name, s.digest?.sha256]));
    for (const [name, digest] of listed) {
      if (subjects.get(name) !== digest)
        problems.push(`checksums.txt lists ${name}, which the provenance does not state`);
    }
    for (const name of subjects.keys()) {
      if (!listed.has(name))
        problems.push(`the provenance states ${name}, which checksums.txt does not list`);
    }
  }
  let signatureVerified = false;
  if (options.publicKey !== undefined) {
    if (envelope === undefined) problems.push("the provenance is not signed, but a public key was given");
    else if (envelopeSignedBy(envelope, options.publicKey)) signatureVerified = true;
    else problems.push("the provenance signature does not verify with the given public key");
  }
  return {
    file,
    subjects: statement.subject.length,
    signed: envelope !== undefined,
    signatureVerified,
    problems,
  };
}
