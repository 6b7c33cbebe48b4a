// `goship verify --key`: every native signature (`<file>.sigstore.json`) in a release directory,
// checked against the public key over the file beside it.

import type { KeyObject } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { verifyBundle } from "./bundle.js";
import { SignatureMismatchError } from "./errors.js";

export const BUNDLE_SUFFIX = ".sigstore.json";

export interface SignatureCheck {
  readonly signature: string;
  readonly file: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Checks each `*.sigstore.json` bundle in `dir` over the file named by the rest of its name. */
export async function verifySignatureFiles(dir: string, publicKey: KeyObject): Promise<SignatureCheck[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(BUNDLE_SUFFIX)).sort();
  const checks: SignatureCheck[] = [];
  for (const signature of names) {
    const file = signature.slice(0, -BUNDLE_SUFFIX.length);
    const [bundle, blob] = await Promise.all([
      readFile(path.join(dir, signature), "utf8"),
      readFile(path.join(dir, file)).catch(() => undefined),
    ]);
    if (blob === undefined) {
      checks.push({ signature, file, ok: false, detail: `${file}, which it signs, is missing` });
      continue;
    }
    try {
      verifyBundle(bundle, publicKey, blob);
      checks.push({ signature, file, ok: true, detail: "signature verified" });
    } catch (error) {
      if (!(error instanceof SignatureMismatchError)) throw error;
      checks.push({ signature, file, ok: false, detail: error.message });
    }
  }
  return checks;
}
