// How `goship verify` reads a Linux package back: its own digests, its name/version/arch fields,
// the file list artifacts.json records, and goship's checks of every binary inside.
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import type { PackageFormat } from "./naming.js";
import { readPackage } from "./read.js";

function result(check: string, pass: boolean, detail: string): CheckResult {
  return { check, status: pass ? "pass" : "fail", detail };
}

/** The package's own name for its name, version and architecture fields. */
const FIELDS: Readonly<Record<PackageFormat, readonly [string, string, string]>> = {
  deb: ["Package", "Version", "Architecture"],
  rpm: ["Name", "Version", "Arch"],
  apk: ["pkgname", "pkgver", "arch"],
  archlinux: ["pkgname", "pkgver", "arch"],
};

export async function verifyLinuxPackage(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<CheckResult[]> {
  const format = artifact.format as PackageFormat;
  let read: Awaited<ReturnType<typeof readPackage>>;
  try {
    read = await readPackage(format, file.bytes);
  } catch (error) {
    return [result("readable", false, (error as Error).message)];
  }
  const checks: CheckResult[] = [
    result(
      "package digests",
      read.problems.length === 0,
      read.problems.join("; ") || `${format} digests hold`,
    ),
  ];
  const [nameKey, versionKey, archKey] = FIELDS[format];
  const expected = {
    name: artifact.packageName,
    version: artifact.packageVersion,
    arch: artifact.packageArch,
  };
  const actual = { name: read.fields[nameKey], version: read.fields[versionKey], arch: read.fields[archKey] };
  const same =
    actual.name === expected.name && actual.version === expected.version && actual.arch === expected.arch;
  checks.push(result("package fields", same, `${actual.name} ${actual.version} ${actual.arch}`));
  const recorded = Array.isArray(artifact.files) ? (artifact.files as string[]) : [];
  const paths = read.files.filter((f) => f.type !== "dir").map((f) => f.path);
  const missing = recorded.filter((p) => !paths.includes(p));
  const extra = paths.filter((p) => !recorded.includes(p));
  checks.push(
    result(
      "file list",
      missing.length === 0 && extra.length === 0,
      missing.length || extra.length
        ? `missing: ${missing.join(", ") || "none"}; not recorded: ${extra.join(", ") || "none"}`
        : `${paths.length} entries as recorded`,
    ),
  );
  const binaries = Array.isArray(artifact.binaries) ? (artifact.binaries as string[]) : [];
  const target = artifact.target;
  for (const binary of binaries) {
    const inside = read.files.find((f) => f.path === binary);
    if (!inside || (inside.mode & 0o111) === 0) {
      checks.push(result("binaries", false, `${binary} is missing or not executable`));
      continue;
    }
    if (!target) continue;
    for (const check of await vctx.checkBinary(inside.data, target)) {
      checks.push({ ...check, subject: `${artifact.path}:${binary}` });
    }
  }
  return checks;
}
