// The tag the changelog starts from, found as GoReleaser finds it: an override from the
// environment, else the nearest tag before the current one, preferring the highest version at
// that commit.
import { gitEnv } from "../git/env.js";
import type { Exec } from "../process/exec.js";

export interface PreviousTagInput {
  readonly exec: Exec;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly currentTag: string;
  readonly signal?: AbortSignal;
}

/** GOSHIP_PREVIOUS_TAG, else GoReleaser's GORELEASER_PREVIOUS_TAG, so existing CI setups keep working. */
export const previousTagVariables = ["GOSHIP_PREVIOUS_TAG", "GORELEASER_PREVIOUS_TAG"] as const;

/** The previous tag, or "" when the current tag is the first one (the log then starts at HEAD). */
export async function findPreviousTag(input: PreviousTagInput): Promise<string> {
  for (const name of previousTagVariables) {
    const value = input.env[name];
    if (value !== undefined && value !== "") return value;
  }
  if (input.currentTag === "") return "";
  const git = async (args: string[]) => {
    const result = await input.exec("git", ["-c", "log.showSignature=false", ...args], {
      cwd: input.dir,
      env: gitEnv(input.env),
      signal: input.signal,
      allowFailure: true,
    });
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  };
  const nearest = await git(["describe", "--tags", "--abbrev=0", `tags/${input.currentTag}^`]);
  if (nearest === undefined || nearest === "") return "";
  const sha = await git(["rev-list", "-n1", nearest]);
  if (sha === undefined) return nearest;
  const atCommit = await git(["tag", "--points-at", sha, "--sort", "-version:refname"]);
  return atCommit?.split("\n").find((t) => t !== "") ?? nearest;
}
