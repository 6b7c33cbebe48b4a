// Committing generated manifests to a repository users install from (a Homebrew tap, a Scoop
// bucket, an AUR package) over plain git: clone, write, commit, push, with bounded retries.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Exec, ExecError } from "../../process/exec.js";
import { ChannelPushError } from "../errors.js";

export interface RepoFile {
  /** Posix path inside the repository. */
  readonly path: string;
  readonly content: string | Uint8Array;
}

export interface PushRequest {
  /** Anything `git clone` accepts: a local path, file://, ssh:// or https:// URL. */
  readonly url: string;
  /** The branch to commit to; created when the repository lacks it. "" = the default branch. */
  readonly branch: string;
  /** An SSH private key: its text or the path of its file. "" for none. */
  readonly privateKey: string;
  readonly files: readonly RepoFile[];
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  /** Unix seconds used as author and committer date, so re-runs make the same commit. */
  readonly time: number;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  /** Push attempts before giving up. @default 3 */
  readonly attempts?: number;
}

export interface PushResult {
  /** The commit the branch points at after the push. */
  readonly commit: string;
  /** false when the repository already held these exact files (nothing was pushed). */
  readonly changed: boolean;
}

/** Hides credentials in a URL (`https://user:token@host` → `https://***@host`) for messages. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1***@");
}

/** `ssh -i <key> …`: never asks a question, never reads the user's ssh config. */
export function sshCommand(keyFile: string): string {
  return `ssh -i "${keyFile}" -o StrictHostKeyChecking=accept-new -o IdentitiesOnly=yes -F /dev/null`;
}

async function keyFileFor(privateKey: string, dir: string): Promise<string | undefined> {
  if (!privateKey) return undefined;
  if (!privateKey.includes("PRIVATE KEY")) return path.resolve(privateKey);
  // Keys pasted into CI secrets often lose their final newline or carry \r\n; ssh refuses both.
  const file = path.join(dir, "key");
  await writeFile(file, `${privateKey.replaceAll("\r\n", "\n").trim()}\n`, { mode: 0o600 });
  return file;
}

export async function pushFiles(request: PushRequest): Promise<PushResult> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "goship-push-"));
  const checkout = path.join(tmp, "repo");
  const date = `${request.time} +0000`;
  try {
    const keyFile = await keyFileFor(request.privateKey, tmp);
    const env: NodeJS.ProcessEnv = {
      ...request.env,
      GIT_TERMINAL_PROMPT: "0",
      GIT_AUTHOR_NAME: request.author.name,
      GIT_AUTHOR_EMAIL: request.author.email,
      GIT_COMMITTER_NAME: request.author.name,
      GIT_COMMITTER_EMAIL: request.author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      ...(keyFile ? { GIT_SSH_COMMAND: sshCommand(keyFile) } : {}),
    };
    const git = (args: string[], allowFailure = false) =>
      request.exec("git", ["-c", "commit.gpgSign=false", "-c", "core.hooksPath=/dev/null", ...args], {
        cwd: args[0] === "clone" ? tmp : checkout,
        env,
        allowFailure,
      });
    const attempts = request.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await rm(checkout, { recursive: true, force: true });
        await git(["clone", "--quiet", "--no-tags", request.url, checkout]);
        const branch = request.branch || (await git(["symbolic-ref", "--short", "HEAD"])).stdout.trim();
        const remote = await git(["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${branch}`], true);
        await git(
          remote.exitCode === 0
            ? ["checkout", "-q", "-B", branch, `origin/${branch}`]
            : ["checkout", "-q", "-B", branch],
        );
        for (const file of request.files) {
          const target = path.join(checkout, ...file.path.split("/"));
          await rm(target, { force: true });
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, file.content);
        }
        await git(["add", "--", ...request.files.map((f) => f.path)]);
        const staged = await git(["diff", "--cached", "--quiet"], true);
        if (staged.exitCode === 0 && remote.exitCode === 0) {
          return { commit: (await git(["rev-parse", "HEAD"])).stdout.trim(), changed: false };
        }
        await git(["commit", "--quiet", "--allow-empty", "-m", request.message]);
        await git(["push", "--quiet", "origin", `HEAD:refs/heads/${branch}`]);
        return { commit: (await git(["rev-parse", "HEAD"])).stdout.trim(), changed: true };
      } catch (error) {
        if (!(error instanceof ExecError)) throw error;
        // A push raced by another commit, or a dropped connection: start again from a fresh clone.
        if (attempt < attempts) continue;
        throw new ChannelPushError(
          `could not update ${redactUrl(request.url)} after ${attempts} attempts: check the URL, the branch and that the key (or token) may push; a re-run resumes`,
          { output: redactUrl(error.output ?? ""), details: { repository: redactUrl(request.url) } },
        );
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
