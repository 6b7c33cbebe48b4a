// `verify()`: the library entry for checking a published release directory.
import { readFile, stat } from "node:fs/promises";
import os from "node:os";
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

/** The user's home and temp directories: paths of any build run here. */
export function hostPaths(env: NodeJS.ProcessEnv): string[] {
  return [env.HOME ?? os.homedir(), env.TMPDIR ?? os.tmpdir()].filter((p) => p !== "");
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const dist = path.resolve(options.dist ?? "dist");
  const kind = await stat(dist).then(
    (s) => (s.isDirectory() ? "directory" : "file"),
    () => "missing",
  );
  if (kind !== "directory")
    throw new ReleaseError(
      kind === "missing"
        ? "no such directory; point verify at the dist directory of a goship release"
        : "not a directory; point verify at the dist directory of a goship release",
      { details: { dist } },
    );
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
  // Without the builder's paths, look for this machine's: a release verified where it was built
  // is checked for them; build-shaped paths (…/pkg/mod/…, …/main.go) are found anywhere.
  const env = options.env ?? process.env;
  const buildPaths = [...hostPaths(env), env.GOPATH ?? path.join(env.HOME ?? os.homedir(), "go")];
  if (env.GOMODCACHE) buildPaths.push(env.GOMODCACHE);
  if (env.GOROOT) buildPaths.push(env.GOROOT);
  const report = await verifyRelease({ root: dist, metadata, artifacts, kinds: options.kinds, buildPaths });
  if (!options.smoke) return report;
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
  return {
    ...report,
    ok: smoked.every((a) => a.checks.every((c) => c.status !== "fail")),
    artifacts: smoked,
  };
}
