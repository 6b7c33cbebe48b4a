// How `goship verify` reads an archive back: the layout artifacts.json records (entry list, top
// folder or none, `binary` format), safe paths, and goship's checks of every binary inside.
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import { type ArchiveListing, readArchive, staysInside } from "./read/index.js";

export async function verifyArchive(
  file_: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<CheckResult[]> {
  const target = artifact.target;
  // The `binary` format releases the binary itself under the archive's name.
  if (artifact.format === "binary") return target ? [...(await vctx.checkBinary(file_.bytes, target))] : [];
  let listing: ArchiveListing;
  try {
    listing = await readArchive(file_.bytes);
  } catch (error) {
    return [result("readable", false, (error as Error).message)];
  }
  const names = listing.entries.map((e) => e.name);
  const recorded = Array.isArray(artifact.files) ? (artifact.files as string[]) : undefined;
  const escaping = listing.entries.filter(
    (e) =>
      !staysInside(e.name) ||
      (e.type === "symlink" && !staysInside(e.linkname, e.name)) ||
      e.type === "hardlink",
  );
  const checks: CheckResult[] = [
    result("safe paths", escaping.length === 0, escaping.map((e) => e.name).join(", ")),
  ];
  if (recorded) checks.push(listingCheck(names, recorded));
  // The binaries are the entries named like a binary artifact of the same target (a build's
  // binary, or a universal binary): each is read back as that artifact.
  const binaryRecords = vctx.artifacts.filter((a) => a.target === target && typeof a.binary === "string");
  const binaryNames = binaryRecords.map((a) => a.binary as string);
  const recordOf = (name: string) =>
    binaryRecords.find((r) => name === r.binary || name.endsWith(`/${r.binary as string}`));
  const binaries = listing.entries.filter((e) => e.type === "file" && recordOf(e.name) !== undefined);
  const notExecutable = binaries.filter((e) => (e.mode & 0o111) === 0).map((e) => e.name);
  checks.push(
    result(
      "binaries",
      binaryNames.length === 0 || (binaries.length > 0 && notExecutable.length === 0),
      notExecutable.length
        ? `not executable: ${notExecutable.join(", ")}`
        : binaries.length === 0 && binaryNames.length > 0
          ? "no binary of this target inside"
          : binaries.map((e) => e.name).join(", "),
    ),
  );
  for (const entry of binaries) {
    const subject = `${artifact.path}:${entry.name}`;
    const as = recordOf(entry.name)!;
    const file = { path: subject, bytes: Buffer.from(entry.data) };
    for (const check of await vctx.verifyAs(file, as))
      checks.push({ ...check, subject: check.subject ?? subject });
  }
  return checks;
}

/** The entries must be exactly those artifacts.json lists, whatever the layout. */
function listingCheck(names: readonly string[], recorded: readonly string[]): CheckResult {
  const missing = recorded.filter((n) => !names.includes(n));
  const extra = names.filter((n) => !recorded.includes(n));
  if (missing.length === 0 && extra.length === 0) {
    const tops = new Set(names.map((n) => n.split("/")[0]));
    return result(
      "layout",
      true,
      tops.size === 1 ? `${names.length} entries in ${[...tops][0]}/` : `${names.length} entries`,
    );
  }
  const parts = [
    missing.length ? `missing: ${missing.join(", ")}` : "",
    extra.length ? `not in artifacts.json: ${extra.join(", ")}` : "",
  ];
  return result("layout", false, parts.filter(Boolean).join("; "));
}

function result(check: string, ok: boolean, detail: string): CheckResult {
  return { check, status: ok ? "pass" : "fail", detail };
}
