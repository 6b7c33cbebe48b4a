// How `goship verify` reads a checksum file back: every line's digest must match the named file.

import type { ExtraFileDigest } from "../artifacts/artifact.js";
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import { parseChecksumsFile } from "./format.js";

export async function verifyChecksumFile(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<CheckResult[]> {
  const text = file.bytes.toString("utf8");
  // Files outside the release (checksum.extra_files) are checked against the digests recorded when
  // the release was made: dist does not hold them.
  const extras = new Map(
    (Array.isArray(artifact.extraFiles) ? (artifact.extraFiles as ExtraFileDigest[]) : []).map((e) => [
      e.name,
      e.digest,
    ]),
  );
  // GoReleaser's split files hold the bare digest of the file they are named after.
  const bare = /^([0-9a-f]{64}|[0-9a-f]{128})\n?$/.exec(text);
  if (bare && typeof artifact.of === "string") {
    const of = vctx.artifacts.find((a) => a.name === artifact.of);
    const algorithm = bare[1]!.length === 128 ? "sha512" : "sha256";
    const ok =
      of === undefined
        ? extras.get(artifact.of) === bare[1]
        : (await vctx.digest(of.path, algorithm)) === bare[1];
    return [result("checksums", ok, ok ? "1 OK" : `mismatch: ${artifact.of}`)];
  }
  let lines: ReturnType<typeof parseChecksumsFile>;
  try {
    lines = parseChecksumsFile(text);
  } catch (error) {
    return [result("checksums", false, (error as Error).message)];
  }
  const wrong: string[] = [];
  for (const line of lines) {
    const algorithm = line.hex.length === 128 ? "sha512" : "sha256";
    // Lines name files by their artifact name; the file is at the artifact's path.
    const listed = vctx.artifacts.find((a) => a.name === line.name);
    if (listed === undefined && extras.has(line.name)) {
      if (extras.get(line.name) !== line.hex) wrong.push(line.name);
    } else if ((await vctx.digest(listed?.path ?? line.name, algorithm)) !== line.hex) wrong.push(line.name);
  }
  return [
    result(
      "checksums",
      wrong.length === 0 && lines.length > 0,
      wrong.length ? `mismatch: ${wrong.join(", ")}` : `${lines.length} OK`,
    ),
  ];
}

function result(check: string, ok: boolean, detail: string): CheckResult {
  return { check, status: ok ? "pass" : "fail", detail };
}
