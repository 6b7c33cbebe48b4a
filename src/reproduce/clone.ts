// A fresh clone of one commit: what an independent rebuilder starts from, never a copy of the work
// tree, so uncommitted and ignored files cannot reach the rebuild.
import path from "node:path";
import { gitEnv } from "../git/env.js";
import { type Exec, ExecError } from "../process/exec.js";
import { CommitNotFoundError } from "./errors.js";

/** Where a module lives inside its repository. */
export interface RepoLocation {
  /** The repository's top-level directory. */
  readonly root: string;
  /** The module directory relative to `root` ("" at the top), posix separators. */
  readonly prefix: string;
  /** HEAD of the work tree, or "" without commits. */
  readonly head: string;
}

/** The repository around `dir`, or undefined when `dir` is not in a git work tree. */
export async function locateRepo(
  exec: Exec,
  dir: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<RepoLocation | undefined> {
  const run = (args: string[]) =>
    exec("git", args, { cwd: dir, env: gitEnv(env), signal, allowFailure: true }).then((r) =>
      r.exitCode === 0 ? r.stdout.trim() : undefined,
    );
  const root = await run(["rev-parse", "--show-toplevel"]);
  if (root === undefined) return undefined;
  const prefix = (await run(["rev-parse", "--show-prefix"])) ?? "";
  const head = (await run(["rev-parse", "--verify", "-q", "HEAD"])) ?? "";
  return { root, prefix: prefix.replace(/\/$/, ""), head };
}

/**
 * Clones `repo` into `into` with `--no-local` (objects are copied through git's transport, no
 * hard links or alternates into the user's repository) and checks out `ref` detached. Returns
 * the full commit id. Tags come along, so `git describe` names the commit as it does for the user.
 */
export async function cloneAt(
  exec: Exec,
  repo: string,
  ref: string,
  into: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  const options = { cwd: path.dirname(into), env: gitEnv(env), signal };
  await exec("git", ["clone", "--quiet", "--no-local", "--no-checkout", "--", repo, into], options);
  const inClone = { ...options, cwd: into };
  // A ref starting with "-" would be read as an option.
  if (ref.startsWith("-")) throw new CommitNotFoundError(ref, repo);
  let commit: string;
  try {
    commit = (await exec("git", ["rev-parse", "--verify", `${ref}^{commit}`], inClone)).stdout.trim();
  } catch (error) {
    if (error instanceof ExecError) throw new CommitNotFoundError(ref, repo);
    throw error;
  }
  await exec("git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit], inClone);
  return commit;
}
