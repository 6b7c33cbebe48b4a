// Verifies a whole release directory: checksum files, artifacts.json, every archive's layout and
// every binary, in dist/bin and inside the archives, from their own bytes.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readArchive, staysInside } from "../archive/read/index.js";
import { digestHex, parseChecksumsFile } from "../checksum/format.js";
import { type Platform, parseTarget, type Target } from "../go/targets.js";
import { isBinaryReadError, readBinary } from "../inspect/index.js";
import type { ReleaseMetadata } from "../metadata/metadata.js";
import { type BinaryExpectation, type CheckResult, checkBinary } from "./checks.js";

/** One line of artifacts.json. */
export interface ArtifactRecord {
  readonly kind: string;
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly target?: string;
  readonly binary?: string;
}

export interface VerifiedArtifact {
  readonly name: string;
  readonly checks: readonly CheckResult[];
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly artifacts: readonly VerifiedArtifact[];
}

export interface VerifyInput {
  /** The directory the artifact paths are relative to (dist, or the staging area). */
  readonly root: string;
  readonly metadata: ReleaseMetadata;
  readonly artifacts: readonly ArtifactRecord[];
  /** Whether cgo was configured (static linking is then not required). */
  readonly cgo?: boolean;
}

export async function verifyRelease(input: VerifyInput): Promise<VerifyReport> {
  const work = new Work(input.root);
  // Artifacts are checked concurrently (gunzip and inflate run on libuv's threads); the same file
  // is hashed once however many checksum files list it, and a binary's checks run once for the
  // copy in dist/bin and the identical one inside its archive.
  const results = await Promise.all(input.artifacts.map((artifact) => verifyArtifact(artifact, input, work)));
  const merged = mergeByName(results.flat());
  return { ok: merged.every((a) => a.checks.every((c) => c.status !== "fail")), artifacts: merged };
}

/** Per-run memo of file digests and binary check results. */
class Work {
  readonly #digests = new Map<string, Promise<string | undefined>>();
  readonly #binaries = new Map<string, Promise<CheckResult[]>>();

  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  read(rel: string): Promise<Buffer> {
    return readFile(path.join(this.#root, ...rel.split("/")));
  }

  /** sha256 (or sha512 by length of `want`) of a file in the release, undefined when missing. */
  digest(rel: string, algorithm: "sha256" | "sha512" = "sha256"): Promise<string | undefined> {
    const key = `${algorithm}:${rel}`;
    let digest = this.#digests.get(key);
    if (!digest) {
      digest = this.read(rel).then(
        (bytes) => digestHex(bytes, algorithm),
        () => undefined,
      );
      this.#digests.set(key, digest);
    }
    return digest;
  }

  binary(bytes: Uint8Array, expect: BinaryExpectation): Promise<CheckResult[]> {
    const key = `${digestHex(bytes, "sha256")}|${JSON.stringify(expect.target)}`;
    let checks = this.#binaries.get(key);
    if (!checks) {
      checks = binaryChecks(bytes, expect);
      this.#binaries.set(key, checks);
    }
    return checks;
  }
}

async function verifyArtifact(
  artifact: ArtifactRecord,
  input: VerifyInput,
  work: Work,
): Promise<VerifiedArtifact[]> {
  const checks: CheckResult[] = [];
  let bytes: Buffer | undefined;
  try {
    bytes = await work.read(artifact.path);
    const ok = bytes.length === artifact.size && (await work.digest(artifact.path)) === artifact.sha256;
    checks.push(result("digest", ok, ok ? "" : "size or sha256 differs from artifacts.json"));
  } catch {
    checks.push(result("exists", false, "listed in artifacts.json but missing"));
  }
  if (bytes && (artifact.kind === "checksum" || artifact.kind === "checksums")) {
    checks.push(...(await checkChecksumFile(bytes, work)));
  }
  const verified: VerifiedArtifact[] = [{ name: artifact.path, checks }];
  if (!bytes) return verified;
  const expect = expectation(input, artifact);
  if (artifact.kind === "binary" && expect)
    verified.push({ name: artifact.path, checks: await work.binary(bytes, expect) });
  if (artifact.kind === "archive") verified.push(...(await archiveChecks(artifact, bytes, input, work)));
  return verified;
}

async function checkChecksumFile(bytes: Buffer, work: Work): Promise<CheckResult[]> {
  let lines: ReturnType<typeof parseChecksumsFile>;
  try {
    lines = parseChecksumsFile(bytes.toString("utf8"));
  } catch (error) {
    return [result("checksums", false, (error as Error).message)];
  }
  const wrong: string[] = [];
  for (const line of lines) {
    const algorithm = line.hex.length === 128 ? "sha512" : "sha256";
    if ((await work.digest(line.name, algorithm)) !== line.hex) wrong.push(line.name);
  }
  return [
    result(
      "checksums",
      wrong.length === 0 && lines.length > 0,
      wrong.length ? `mismatch: ${wrong.join(", ")}` : `${lines.length} OK`,
    ),
  ];
}

async function archiveChecks(
  artifact: ArtifactRecord,
  bytes: Buffer,
  input: VerifyInput,
  work: Work,
): Promise<VerifiedArtifact[]> {
  let listing: Awaited<ReturnType<typeof readArchive>>;
  try {
    listing = await readArchive(bytes);
  } catch (error) {
    return [{ name: artifact.path, checks: [result("readable", false, (error as Error).message)] }];
  }
  const top = artifact.name.replace(/\.(tar\.gz|zip)$/, "");
  const names = listing.entries.map((e) => e.name);
  const outside = names.filter((n) => n !== top && !n.startsWith(`${top}/`));
  const escaping = listing.entries.filter(
    (e) =>
      !staysInside(e.name) ||
      (e.type === "symlink" && !staysInside(e.linkname, e.name)) ||
      e.type === "hardlink",
  );
  const target = targetOf(artifact.target);
  const exe = target?.goos === "windows" ? ".exe" : "";
  const wanted = input.metadata.binaries.map((b) => `${top}/${b.name}${exe}`);
  const missingBinaries = wanted.filter(
    (w) => !listing.entries.some((e) => e.name === w && e.type === "file" && e.mode === 0o755),
  );
  const missingDocs = input.metadata.docs.map((d) => `${top}/${d}`).filter((d) => !names.includes(d));
  const checks = [
    result("safe paths", escaping.length === 0, escaping.map((e) => e.name).join(", ")),
    result(
      "one top folder",
      outside.length === 0,
      outside.length ? `outside ${top}/: ${outside.join(", ")}` : top,
    ),
    result(
      "binaries",
      missingBinaries.length === 0,
      missingBinaries.length ? `missing: ${missingBinaries.join(", ")}` : "",
    ),
    result(
      "docs",
      missingDocs.length === 0,
      missingDocs.length ? `missing: ${missingDocs.join(", ")}` : input.metadata.docs.join(", "),
    ),
  ];
  const verified: VerifiedArtifact[] = [{ name: artifact.path, checks }];
  const expect = expectation(input, artifact);
  for (const entry of listing.entries.filter((e) => wanted.includes(e.name))) {
    if (expect)
      verified.push({
        name: `${artifact.path}:${entry.name}`,
        checks: await work.binary(entry.data, expect),
      });
  }
  return verified;
}

async function binaryChecks(bytes: Uint8Array, expect: BinaryExpectation): Promise<CheckResult[]> {
  try {
    return checkBinary(await readBinary(bytes), bytes, expect);
  } catch (error) {
    if (!isBinaryReadError(error)) throw error;
    return [result("go binary", false, error.message)];
  }
}

function expectation(input: VerifyInput, artifact: ArtifactRecord): BinaryExpectation | undefined {
  const target = targetOf(artifact.target);
  if (!target) return undefined;
  const { metadata } = input;
  const cgo = input.cgo ?? metadata.build?.env?.CGO_ENABLED === "1";
  const cgoMode = metadata.build?.cgo?.mode;
  const glibc = artifact.target ? metadata.build?.cgo?.glibc?.[artifact.target] : undefined;
  return {
    target,
    cgo,
    ...(cgoMode ? { cgoMode } : {}),
    ...(glibc ? { glibc } : {}),
    snapshot: metadata.snapshot,
    goVersion: metadata.goVersion,
    stamps: metadata.stamps,
  };
}

/** Artifact targets are always valid Go targets; parse them without a toolchain. */
function targetOf(text: string | undefined): Target | undefined {
  if (!text) return undefined;
  const [goos = "", goarch = ""] = text.split("/");
  const parsed = parseTarget(text, [{ goos, goarch, firstClass: true } satisfies Platform]);
  return parsed.ok ? parsed.target : undefined;
}

function mergeByName(items: VerifiedArtifact[]): VerifiedArtifact[] {
  const merged = new Map<string, CheckResult[]>();
  for (const item of items) merged.set(item.name, [...(merged.get(item.name) ?? []), ...item.checks]);
  return [...merged].map(([name, checks]) => ({ name, checks }));
}

function result(check: string, ok: boolean, detail: string): CheckResult {
  return { check, status: ok ? "pass" : "fail", detail };
}
