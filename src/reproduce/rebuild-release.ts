// `goship rebuild` as a library call: rebuild a published release from a fresh clone of its
// commit and compare. Only reads the published files and the repository.
import path from "node:path";
import { createLogger, type Logger } from "../log/logger.js";
import { createExec, type Exec } from "../process/exec.js";
import { locateRepo } from "./clone.js";
import { NoCommitToCloneError } from "./errors.js";
import { type PublishedRelease, readPublishedRelease } from "./published.js";
import { summaryLine } from "./report.js";
import { proveReproducible, type VerifyOutcome } from "./verify.js";

export interface RebuildOptions {
  /** A dist directory, or a checksums.txt with metadata.json beside it. */
  readonly release: string;
  /** Tag or commit to rebuild instead of the commit metadata.json names. */
  readonly ref?: string | undefined;
  /** A directory inside a clone of the release's repository (default: the current directory). */
  readonly dir?: string | undefined;
  readonly diffoscope?: boolean | undefined;
  readonly parallelism?: number | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly exec?: Exec;
}

export interface RebuildResult extends VerifyOutcome {
  readonly published: PublishedRelease;
}

export async function rebuildRelease(options: RebuildOptions): Promise<RebuildResult> {
  const log = options.logger ?? createLogger();
  const exec = options.exec ?? createExec(log.debug);
  const env = options.env ?? process.env;
  const published = await readPublishedRelease(path.resolve(options.release));
  for (const m of published.mismatches) {
    log.warn(
      `${m.path} does not match the digest ${m.listedIn} lists for it; its bytes are what gets checked`,
    );
  }
  const dir = path.resolve(options.dir ?? process.cwd());
  const repo = await locateRepo(exec, dir, env, options.signal);
  if (!repo)
    throw new NoCommitToCloneError(
      dir,
      "run goship rebuild in a clone of the project, or pass --dir <its module>",
    );
  const { metadata } = published;
  const pinned: Record<string, string> = {};
  // The release's date is an input like the source: SOURCE_DATE_EPOCH may have set it.
  if (metadata.timestamp !== undefined) pinned.SOURCE_DATE_EPOCH = String(metadata.timestamp);
  if (metadata.goExperiment) pinned.GOEXPERIMENT = metadata.goExperiment;
  log.info("release", {
    version: metadata.version,
    commit: metadata.commit.slice(0, 12),
    go: metadata.goVersion,
  });
  const outcome = await proveReproducible({
    exec,
    log,
    signal: options.signal,
    env,
    umask: process.umask(),
    repo,
    ref: options.ref ?? metadata.commit,
    version: metadata.version,
    targets: metadata.targets,
    snapshot: metadata.snapshot,
    parallelism: options.parallelism,
    pinned,
    artifacts: published.artifacts,
    listIsComplete: published.listIsComplete,
    worktree: dir,
    diffoscope: options.diffoscope,
  });
  if (outcome.report.commit !== metadata.commit) {
    log.warn(
      `${options.ref} is commit ${outcome.report.commit.slice(0, 12)}, not the release's ${metadata.commit.slice(0, 12)}`,
    );
  }
  if (outcome.report.verdict === "reproduced") log.info(summaryLine(outcome.report));
  return { ...outcome, published };
}
