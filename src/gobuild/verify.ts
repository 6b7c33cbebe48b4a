// How `goship verify` reads a binary back: goship's checks of a Go binary for its target.
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";

export async function verifyBinary(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<readonly CheckResult[]> {
  return artifact.target ? vctx.checkBinary(file.bytes, artifact.target) : [];
}
