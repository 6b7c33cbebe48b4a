// Verifies a whole release directory from its own bytes: every artifact artifacts.json lists is
// checked for its size and digest, then read back by the verifier its kind declares (archives,
// binaries, checksum files, and any format's own reader).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { digestHex } from "../artifacts/digest.js";
import type {
  ArtifactRecord,
  CheckResult,
  KindRegistry,
  VerifiedFile,
  VerifyContext,
} from "../artifacts/kinds.js";
import { artifactCount } from "../artifacts/registry.js";
import { type Platform, parseTarget, type Target } from "../go/targets.js";
import { isBinaryReadError, readBinary } from "../inspect/index.js";
import type { ReleaseMetadata } from "../metadata/metadata.js";
import { type BinaryExpectation, buildExpectation, checkBinary } from "./checks.js";

export type { ArtifactRecord } from "../artifacts/kinds.js";

export interface VerifiedArtifact {
  readonly name: string;
  readonly checks: readonly CheckResult[];
}

export interface VerifyReport {
  readonly ok: boolean;
  /** How many artifacts were verified (see `artifactCount`). */
  readonly count: number;
  readonly artifacts: readonly VerifiedArtifact[];
}

export interface VerifyInput {
  /** The directory the artifact paths are relative to (dist, or the staging area). */
  readonly root: string;
  readonly metadata: ReleaseMetadata;
  readonly artifacts: readonly ArtifactRecord[];
  /** The kinds goship knows, each with its verifier. */
  readonly kinds: KindRegistry;
  /** Whether cgo was configured (static linking is then not required). */
  readonly cgo?: boolean;
  /** Paths of the build (module dir, GOROOT, GOPATH, HOME, TMPDIR…): a binary naming one leaks it. */
  readonly buildPaths?: readonly string[];
}

export async function verifyRelease(input: VerifyInput): Promise<VerifyReport> {
  const vctx = new Work(input);
  // Artifacts are checked concurrently (gunzip and inflate run on libuv's threads); the same file
  // is hashed once however many checksum files list it, and a binary's checks run once for the
  // copy in dist/bin and the identical one inside its archive.
  const results = await Promise.all(input.artifacts.map((artifact) => verifyArtifact(artifact, input, vctx)));
  const merged = mergeBySubject(results.flat());
  return {
    ok: merged.every((a) => a.checks.every((c) => c.status !== "fail")),
    count: artifactCount(input.artifacts),
    artifacts: merged,
  };
}

/** The verify context: per-run memo of file digests and binary check results. */
class Work implements VerifyContext {
  readonly #digests = new Map<string, Promise<string | undefined>>();
  readonly #binaries = new Map<string, Promise<CheckResult[]>>();
  readonly #input: VerifyInput;
  readonly root: string;
  readonly artifacts: readonly ArtifactRecord[];

  constructor(input: VerifyInput) {
    this.#input = input;
    this.root = input.root;
    this.artifacts = input.artifacts;
  }

  read(rel: string): Promise<Buffer> {
    return readFile(path.join(this.root, ...rel.split("/")));
  }

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

  async verifyAs(file: VerifiedFile, as: ArtifactRecord): Promise<readonly CheckResult[]> {
    const verifier = this.#input.kinds.traitsOf(as.kind)?.verify;
    return verifier ? verifier(file, as, this) : [];
  }

  checkBinary(bytes: Uint8Array, targetText: string): Promise<CheckResult[]> {
    const expect = expectation(this.#input, targetText);
    if (!expect) return Promise.resolve([result("target", false, `not a Go target: ${targetText}`)]);
    const digest = digestHex(bytes, "sha256");
    const key = `${digest}|${targetText}`;
    let checks = this.#binaries.get(key);
    if (!checks) {
      const dropped = new Set(this.#unlandedStamps(digest));
      const stamps = expect.stamps.filter((s) => !dropped.has(s.symbol));
      checks = binaryChecks(bytes, { ...expect, stamps }, this.#input.buildPaths ?? []);
      this.#binaries.set(key, checks);
    }
    return checks;
  }

  /** The stamps the release recorded as dropped by the linker from the binary with this digest. */
  #unlandedStamps(digest: string): string[] {
    return this.artifacts
      .filter((a) => a.kind === "binary" && a.sha256 === digest && Array.isArray(a.unlandedStamps))
      .flatMap((a) => a.unlandedStamps as string[]);
  }
}

async function verifyArtifact(
  artifact: ArtifactRecord,
  input: VerifyInput,
  vctx: Work,
): Promise<CheckResult[]> {
  let bytes: Buffer;
  try {
    bytes = await vctx.read(artifact.path);
  } catch {
    return [{ ...result("exists", false, "listed in artifacts.json but missing"), subject: artifact.path }];
  }
  const ok = bytes.length === artifact.size && (await vctx.digest(artifact.path)) === artifact.sha256;
  const checks: CheckResult[] = [
    result("digest", ok, ok ? "" : "size or sha256 differs from artifacts.json"),
  ];
  const verifier = input.kinds.traitsOf(artifact.kind)?.verify;
  if (verifier) {
    const file = { path: artifact.path, bytes };
    checks.push(...(await verifier(file, artifact, vctx)));
  }
  return checks.map((c) => ({ ...c, subject: c.subject ?? artifact.path }));
}

async function binaryChecks(
  bytes: Uint8Array,
  expect: BinaryExpectation,
  buildPaths: readonly string[],
): Promise<CheckResult[]> {
  try {
    return checkBinary(await readBinary(bytes, { buildPaths }), bytes, expect);
  } catch (error) {
    if (!isBinaryReadError(error)) throw error;
    return [result("go binary", false, error.message)];
  }
}

function expectation(input: VerifyInput, targetText: string): BinaryExpectation | undefined {
  const target = targetOf(targetText);
  if (!target) return undefined;
  const { metadata } = input;
  // cgo is possible unless the build turned it off (an unset CGO_ENABLED leaves it to go: on for the host).
  const cgoSetting = metadata.build?.env?.CGO_ENABLED;
  const cgo = input.cgo ?? (cgoSetting === undefined ? false : cgoSetting !== "0");
  const cgoMode = metadata.build?.cgo?.mode;
  const glibc = metadata.build?.cgo?.glibc?.[targetText];
  const build = metadata.build ? buildExpectation(metadata.build) : undefined;
  return {
    target,
    cgo,
    ...(cgoMode ? { cgoMode } : {}),
    ...(glibc ? { glibc } : {}),
    snapshot: metadata.snapshot,
    goVersion: metadata.goVersion,
    stamps: metadata.stamps,
    build,
  };
}

/** Artifact targets are always valid Go targets; parse them without a toolchain. */
function targetOf(text: string): Target | undefined {
  const [goos = "", goarch = ""] = text.split("/");
  const parsed = parseTarget(text, [{ goos, goarch, firstClass: true } satisfies Platform]);
  return parsed.ok ? parsed.target : undefined;
}

/** One entry per file checked (an artifact, or a binary inside an archive), in first-seen order. */
function mergeBySubject(checks: readonly CheckResult[]): VerifiedArtifact[] {
  const merged = new Map<string, CheckResult[]>();
  for (const { subject, ...check } of checks) {
    const name = subject ?? "";
    merged.set(name, [...(merged.get(name) ?? []), check]);
  }
  return [...merged].map(([name, list]) => ({ name, checks: list }));
}

function result(check: string, ok: boolean, detail: string): CheckResult {
  return { check, status: ok ? "pass" : "fail", detail };
}
