// What git says about the tree: version (as `git describe` prints it), commit, commit time, dirt.
import { type Exec, ExecError } from "../process/exec.js";
import { BadSourceDateEpochError } from "./errors.js";

export interface GitState {
  readonly isRepo: boolean;
  readonly root: string;
  /** `git describe --tags --always --dirty`, e.g. `v1.2.3`, `v1.2.3-4-gabcdef0-dirty`. */
  readonly describe: string;
  readonly tag: string | undefined;
  /** The highest version tag on HEAD itself (`git tag --points-at HEAD --sort=-version:refname`). */
  readonly headTag: string | undefined;
  readonly commit: string;
  /** `git rev-parse --short HEAD`: 7 hex digits, more when that would be ambiguous. */
  readonly shortCommit: string;
  /** Commit time, unix seconds. */
  readonly commitTime: number;
  /** `git status --porcelain` output: what cmd/go sees when it decides vcs.modified. */
  readonly changes: string;
}

export const noGit: GitState = {
  isRepo: false,
  root: "",
  describe: "",
  tag: undefined,
  headTag: undefined,
  commit: "",
  shortCommit: "",
  commitTime: 0,
  changes: "",
};

export async function readGitState(exec: Exec, dir: string, signal?: AbortSignal): Promise<GitState> {
  const git = (args: string[]) =>
    exec("git", args, { cwd: dir, signal, env: gitEnv() }).then((r) => r.stdout.trim());
  let root: string;
  try {
    root = await git(["rev-parse", "--show-toplevel"]);
  } catch (error) {
    if (error instanceof ExecError) return noGit;
    throw error;
  }
  const hasHead = await exec("git", ["rev-parse", "--verify", "-q", "HEAD"], {
    cwd: dir,
    signal,
    env: gitEnv(),
    allowFailure: true,
  });
  if (hasHead.exitCode !== 0) return { ...noGit, isRepo: true, root };
  const [describe, commit, time, changes, tag, headTags, shortCommit] = await Promise.all([
    git(["describe", "--tags", "--always", "--dirty"]),
    git(["rev-parse", "HEAD"]),
    git(["log", "-1", "--format=%ct"]),
    git(["status", "--porcelain"]),
    exec("git", ["describe", "--tags", "--abbrev=0"], {
      cwd: dir,
      signal,
      env: gitEnv(),
      allowFailure: true,
    }),
    git(["tag", "--points-at", "HEAD", "--sort=-version:refname"]),
    git(["rev-parse", "--short", "HEAD"]),
  ]);
  return {
    isRepo: true,
    root,
    describe,
    tag: tag.exitCode === 0 ? tag.stdout.trim() : undefined,
    headTag: headTags.split("\n").find((t) => t !== ""),
    commit,
    shortCommit,
    commitTime: Number(time),
    changes,
  };
}

/** Git output must not depend on the user's locale or pager settings. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C", GIT_PAGER: "cat", GIT_OPTIONAL_LOCKS: "0" };
}

/**
 * The timestamp embedded and archived: SOURCE_DATE_EPOCH when set (reproducible-builds.org spec),
 * else the commit time, else 1980-01-01 — the earliest instant a zip can store — so even a build
 * outside git is deterministic.
 */
export function releaseTime(git: GitState, sourceDateEpoch: string | undefined): number {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== "") {
    if (!/^\d+$/.test(sourceDateEpoch)) throw new BadSourceDateEpochError(sourceDateEpoch);
    return Number(sourceDateEpoch);
  }
  return git.commit ? git.commitTime : 315532800;
}

/** RFC 3339 in UTC without fractional seconds: `2024-01-02T03:04:05Z`. */
export function rfc3339(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
