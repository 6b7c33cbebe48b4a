// How `goship verify` reads a source archive back: a well-formed archive of the recorded number of
// entries, every name under the recorded prefix and inside the extraction folder (symlinks are
// the project's own and are left as they are).

import { readArchive, staysInside } from "../archive/read/index.js";
import type { ArtifactRecord, CheckResult, VerifiedFile } from "../artifacts/kinds.js";

export async function verifySourceArchive(
  file: VerifiedFile,
  artifact: ArtifactRecord,
): Promise<CheckResult[]> {
  let entries: Awaited<ReturnType<typeof readArchive>>["entries"];
  try {
    entries = (await readArchive(file.bytes)).entries;
  } catch (error) {
    return [{ check: "source", status: "fail", detail: (error as Error).message }];
  }
  const prefix = typeof artifact.prefix === "string" ? artifact.prefix : "";
  const outside = entries.filter(
    (e) => !staysInside(e.name) || !(`${e.name}/`.startsWith(prefix) || e.name.startsWith(prefix)),
  );
  const problems = [
    ...(entries.length !== artifact.entries
      ? [`${entries.length} entries, artifacts.json records ${artifact.entries}`]
      : []),
    ...outside.map((e) => `${e.name} is outside ${prefix || "the archive root"}`),
  ];
  return [
    {
      check: "source",
      status: problems.length ? "fail" : "pass",
      detail: problems.length ? problems.slice(0, 5).join("; ") : `${entries.length} entries`,
    },
  ];
}
