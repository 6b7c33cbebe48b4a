// The proof itself, shared by `release --verify-reproducible` and `goship rebuild`: clone the
// commit into a fresh temporary place, rebuild it there in another environment, compare every
// artifact and say what differs. The user's work tree, dist and caches are only ever read.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { goEnv } from "../go/build-args.js";
import type { Logger } from "../log/logger.js";
import type { Exec } from "../process/exec.js";
import { likelyCauses } from "./causes.js";
import { cloneAt, type RepoLocation } from "./clone.js";
import { type ArtifactResult, compareArtifacts, notRebuilt, type ReleaseArtifact } from "./compare.js";
import { diagnoseFiles } from "./diagnose.js";
import { runDiffoscope } from "./diffoscope.js";
import { type RebuildDirs, rebuildEnv, type SharedGoState } from "./environment.js";
import { runRebuild } from "./rebuild.js";
import type { ReproducibilityReport } from "./report.js";
import { findUntrackedInputs, type UntrackedInput } from "./untracked.js";

export interface VerifyInput {
  readonly exec: Exec;
  readonly log: Logger;
  readonly signal?: AbortSignal | undefined;
  /** The user's environment: its configuration is kept, its state (caches, temp, home) replaced. */
  readonly env: NodeJS.ProcessEnv;
  readonly umask: number;
  readonly repo: RepoLocation;
  /** What to check out: the release's commit, or a tag or commit the user named. */
  readonly ref: string;
  readonly version: string;
  /** `--targets` for the rebuild (undefined: as the config or the defaults choose). */
  readonly targets: readonly string[] | undefined;
  readonly singleTarget?: boolean | undefined;
  readonly snapshot: boolean;
  /** `--packages` as the release had it. */
  readonly packages?: readonly string[] | undefined;
  readonly parallelism?: number | undefined;
  /** The config file the release used, relative to the module directory or absolute. */
  readonly config?: string | undefined;
  /** Variables the release was made with that the rebuild must repeat (SOURCE_DATE_EPOCH…). */
  readonly pinned?: Readonly<Record<string, string>>;
  readonly artifacts: readonly ReleaseArtifact[];
  /** The artifacts are every file of the release (so extra files in the rebuild count). */
  readonly listIsComplete: boolean;
  /** The user's module directory at the release's commit, searched for untracked inputs. */
  readonly worktree: string | undefined;
  readonly diffoscope?: boolean;
}

export interface VerifyOutcome {
  readonly report: ReproducibilityReport;
  readonly rebuildMs: number;
}

async function sharedGoState(input: VerifyInput, cwd: string): Promise<SharedGoState> {
  const { stdout } = await input.exec("go", ["env", "-json", "GOMODCACHE", "GOENV"], {
    cwd,
    env: goEnv({ base: input.env, modMode: "readonly" }),
    signal: input.signal,
  });
  const values = JSON.parse(stdout) as { GOMODCACHE: string; GOENV: string };
  return { gomodcache: values.GOMODCACHE, goenv: values.GOENV };
}

async function makeDirs(workspace: string): Promise<RebuildDirs> {
  const dirs = {
    home: path.join(workspace, "home"),
    tmp: path.join(workspace, "tmp"),
    gocache: path.join(workspace, "gocache"),
    gopath: path.join(workspace, "gopath"),
    goshipCache: path.join(workspace, "goship-cache"),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  return dirs;
}

export async function proveReproducible(input: VerifyInput): Promise<VerifyOutcome> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), "goship-rebuild-"));
  try {
    return await verifyIn(workspace, input);
  } finally {
    await rm(workspace, { recursive: true, force: true }).catch((error: unknown) =>
      input.log.warn("could not remove the rebuild's temporary directory", {
        dir: workspace,
        error: String(error),
      }),
    );
  }
}

async function verifyIn(workspace: string, input: VerifyInput): Promise<VerifyOutcome> {
  const { exec, log, signal } = input;
  const dirs = await makeDirs(workspace);
  const shared = await sharedGoState(input, input.worktree ?? workspace);
  const rebuild = rebuildEnv(input.env, input.umask, dirs, shared, input.pinned);
  const clone = path.join(workspace, "src");
  const commit = await cloneAt(exec, input.repo.root, input.ref, clone, input.env, signal);
  log.info("rebuilding from a fresh clone", { commit: commit.slice(0, 12) });
  for (const d of rebuild.differences) log.debug?.("rebuild environment", { ...d });
  const moduleDir = path.join(clone, ...input.repo.prefix.split("/").filter(Boolean));
  const outcome = await runRebuild({
    exec,
    signal,
    moduleDir,
    distDir: path.join(workspace, "dist"),
    env: rebuild.env,
    umask: rebuild.umask,
    targets: input.targets,
    singleTarget: input.singleTarget,
    packages: input.packages,
    snapshot: input.snapshot,
    parallelism: input.parallelism,
    // The CLI reads a relative --config from where it runs: point at the clone's copy.
    config: input.config === undefined ? undefined : path.resolve(moduleDir, input.config),
  });
  // Only files of the user's tree at this very commit can explain a difference.
  const worktree = input.repo.head === commit ? input.worktree : undefined;
  // `go list` there must not touch the user's build cache either.
  const listEnv = { ...input.env, GOCACHE: dirs.gocache, GOCACHEPROG: undefined };
  const untracked = async (): Promise<UntrackedInput[]> =>
    worktree ? findUntrackedInputs(exec, worktree, listEnv, signal, input.config) : [];
  const base = { version: input.version, commit, environment: rebuild.differences };
  if (!outcome.ok) {
    const found = await untracked();
    const report: ReproducibilityReport = {
      ...base,
      verdict: "rebuild failed",
      artifacts: notRebuilt(input.artifacts),
      causes: likelyCauses({ results: [], untracked: found, rebuildError: outcome.output }),
      untrackedInputs: found,
      rebuildGoVersion: undefined,
      rebuildError: outcome.output,
    };
    return { report, rebuildMs: outcome.durationMs };
  }
  const results = compareArtifacts(input.artifacts, outcome.artifacts, input.listIsComplete);
  const pairs = await diagnose(results, input.artifacts, outcome.artifacts);
  const clean = results.every((r) => r.verdict === "reproduced");
  const found = clean ? [] : await untracked();
  let diffoscope: Array<{ path: string; output: string }> | undefined;
  if (input.diffoscope && pairs.length > 0) {
    diffoscope = await runDiffoscope(exec, pairs, input.env, workspace, signal);
    if (diffoscope === undefined) log.warn("diffoscope is not installed, so --diffoscope was skipped");
  }
  const report: ReproducibilityReport = {
    ...base,
    verdict: clean ? "reproduced" : "not reproduced",
    artifacts: results,
    causes: clean ? [] : likelyCauses({ results, untracked: found }),
    untrackedInputs: found,
    rebuildGoVersion: outcome.goVersion,
    rebuildError: undefined,
    diffoscope,
  };
  return { report, rebuildMs: outcome.durationMs };
}

/** Attaches a diagnosis to each differing result; returns the file pairs that were compared. */
async function diagnose(
  results: ArtifactResult[],
  release: readonly ReleaseArtifact[],
  rebuilt: ReadonlyArray<{ path: string; file: string }>,
): Promise<Array<{ path: string; release: string; rebuild: string }>> {
  const pairs: Array<{ path: string; release: string; rebuild: string }> = [];
  for (const result of results.filter((r) => r.verdict === "differs")) {
    const releaseFile = release.find((a) => a.path === result.path)?.file;
    const rebuildFile = rebuilt.find((a) => a.path === result.path)?.file;
    if (!releaseFile || !rebuildFile) {
      result.diagnosis = {
        kind: "unreadable",
        reason:
          "only the release's digest is known; put the published file beside checksums.txt to see what differs",
      };
      continue;
    }
    result.diagnosis = await diagnoseFiles(result.path, releaseFile, rebuildFile);
    pairs.push({ path: result.path, release: releaseFile, rebuild: rebuildFile });
  }
  return pairs;
}
