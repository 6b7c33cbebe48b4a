// How `goship verify` reads a manifest back: every download URL names an archive of the release
// and carries that archive's sha256.
import type { ArtifactVerifier, CheckResult } from "../artifacts/kinds.js";
import { checkReferences, downloadReferences, type ManifestFormat } from "./references.js";

export const verifyManifest: ArtifactVerifier = async (file, artifact, vctx) => {
  const format = artifact.format as ManifestFormat | "none";
  if (format === "none") return [];
  const assets = new Map(
    vctx.artifacts.filter((a) => a.kind === "archive").map((a) => [a.name, a.sha256] as [string, string]),
  );
  const version = String(artifact.version ?? "");
  const problems = checkReferences(downloadReferences(format, file.bytes.toString("utf8"), version), assets);
  const result: CheckResult = problems.length
    ? { check: "downloads", status: "fail", detail: problems.join("; ") }
    : { check: "downloads", status: "pass", detail: "every URL names a release archive with its sha256" };
  return [result];
};
