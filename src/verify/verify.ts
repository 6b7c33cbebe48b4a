// `verify()`: the library entry for checking a published release directory.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { KindRegistry } from "../artifacts/kinds.js";
import { ReleaseError } from "../errors.js";
import { parseReleaseMetadata } from "../metadata/metadata.js";
import { createExec, type Exec } from "../process/exec.js";
import { type ArtifactRecord, type VerifiedArtifact, type VerifyReport, verifyRelease } from "./release.js";
import { hostTarget, smokeTest } from "./smoke.js";

export interface VerifyOptions {
  /** The artifact kinds goship knows, each with how it is read back. */
  kinds: KindRegistry;
  /** The dist directory of a goship release (default `dist`). */
  dist?: string;
  /** Run each binary that can run here and check it prints the version. */
  smoke?: boolean;
  /** Arguments for the smoke run (default `--version`). */
  smokeArgs?: readonly string[];
  /** Milliseconds a smoke run may take (default 10000). */
  smokeTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  exec?: Exec;
  signal?: AbortSignal;
}

export class NotAReleaseError extends ReleaseError {
  constructor(dist: string, file: string) {
    super(`no ${file} in the directory; point verify at the dist directory of a goship release`, {
      details: { dist },
    });
  }
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const dist = path.resolve(options.dist ?? "dist");
  const load = async (file: string) => {
    try {
      return await readFile(path.join(dist, file), "utf8");
    } catch {
      throw new NotAReleaseError(dist, file);
    }
  };
  const metadata = parseReleaseMetadata(await load("metadata.json"));
  let artifacts: ArtifactRecord[];
  try {
    artifacts = JSON.parse(await load("artifacts.json")) as ArtifactRecord[];
  } catch (error) {
    if (error instanceof ReleaseError) throw error;
    throw new NotAReleaseError(dist, "readable artifacts.json");
  }
  const report = await verifyRelease({ root: dist, metadata, artifacts, kinds: options.kinds });
  if (!options.smoke) return report;
  const env = options.env ?? process.env;
  const host = hostTarget();
  const smoked: VerifiedArtifact[] = [];
  for (const artifact of report.artifacts) {
    const record = artifacts.find((a) => a.path === artifact.name && a.kind === "binary" && a.target);
    if (!record) {
      smoked.push(artifact);
      continue;
    }
    const [goos = "", goarch = ""] = record.target!.split("/");
    const smoke = await smokeTest(
      path.join(dist, record.path),
      { goos, goarch },
      {
        args: options.smokeArgs ?? ["--version"],
        timeoutMs: options.smokeTimeoutMs ?? 10_000,
        version: metadata.version,
        hostOs: host.goos,
        hostArch: host.goarch,
        env,
        exec: options.exec ?? createExec(),
        signal: options.signal,
      },
    );
    smoked.push({ name: artifact.name, checks: [...artifact.checks, smoke] });
  }
  return { ok: smoked.every((a) => a.checks.every((c) => c.status !== "fail")), artifacts: smoked };
}
