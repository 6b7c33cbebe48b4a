// How `goship verify` reads a signature back without the signer's key: a native bundle must name
// the SHA-256 of the file it signs as it is now, which catches a file rewritten after signing.
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import { bundleDigestHex } from "./bundle.js";

export async function verifySignatureArtifact(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<readonly CheckResult[]> {
  const of = String(artifact.of ?? "");
  const signed = vctx.artifacts.find((a) => a.name === of);
  if (signed === undefined)
    return [{ check: "signature", status: "fail", detail: `signs ${of}, which is not in the release` }];
  if (artifact.native !== true)
    return [
      {
        check: "signature",
        status: "skip",
        detail: "checked with the signer's key (gpg --verify, cosign verify-blob)",
      },
    ];
  const digest = bundleDigestHex(file.bytes.toString("utf8"));
  const current = await vctx.digest(signed.path);
  return [
    digest !== undefined && digest === current
      ? { check: "signature", status: "pass", detail: `covers the final bytes of ${of}` }
      : { check: "signature", status: "fail", detail: `does not cover the current bytes of ${of}` },
  ];
}
