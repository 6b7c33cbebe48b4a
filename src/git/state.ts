// What git says about the tree: version (as `git describe` prints it), commit, commit time, dirt.
import type { Exec } from "../process/exec.js";
import { gitEnv } from "./env.js";
import { BadSourceDateEpochError } from "./errors.js";
import { bestTag } from "./tags.js";

export interface GitState {
  readonly isRepo: boolean;
  readonly root: string;
  /** `git describe --tags --always --dirty`, e.g. `v1.2.3`, `v1.2.3-4-gabcdef0-dirty`. */
  readonly describe: string;
  readonly tag: string | undefined;
  /** The highest version among the tags on HEAD itself (semver order, other tags after). */
  readonly headTag: string | undefined;
  readonly commit: string;
  /** `git rev-parse --short HEAD`: 7 hex digits, more when that would be ambiguous. */
  readonly shortCommit: string;
  /** Commit time, unix seconds. */
  readonly commitTime: number;
  /** `git status --porcelain` output: what cmd/go sees when it decides vcs.modified. */
  readonly changes: string;
  /** GoReleaser's .Branch, .PreviousTag, .GitURL and the release tag's message (.TagSubject…). */
  readonly branch?: string;
  readonly previousTag?: string;
  readonly url?: string;
  readonly tagMessage?: { readonly subject: string; readonly contents: string; readonly body: string };
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

export async function readGitState(
  exec: Exec,
  dir: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<GitState> {
  const run = (args: string[]) =>
    exec("git", args, { cwd: dir, signal, env: gitEnv(env), allowFailure: true });
  const git = (args: string[]) => run(args).then((r) => (r.exitCode === 0 ? r.stdout.trim() : undefined));
  const root = await git(["rev-parse", "--show-toplevel"]);
  if (root === undefined) return noGit;
  // One log call gives the commit, its short form and its time; it fails on a repository without commits.
  const head = await git(["log", "-1", "--format=%H%n%h%n%ct"]);
  if (head === undefined) return { ...noGit, isRepo: true, root };
  const [commit = "", shortCommit = "", time = "0"] = head.split("\n");
  const [describe, changes, tag, headTags, branch, previousTag, url] = await Promise.all([
    git(["describe", "--tags", "--always", "--dirty"]),
    git(["status", "--porcelain"]),
    git(["describe", "--tags", "--abbrev=0"]),
    // Name, then the message's subject, whole text and body, for every tag on HEAD.
    git([
      "for-each-ref",
      "--points-at",
      "HEAD",
      "--format=%(refname:strip=2)%1f%(contents:subject)%1f%(contents)%1f%(contents:body)%1e",
      "refs/tags",
    ]),
    git(["rev-parse", "--abbrev-ref", "HEAD"]),
    git(["describe", "--tags", "--abbrev=0", "HEAD^"]),
    git(["ls-remote", "--get-url"]),
  ]);
  const tagged = (headTags ?? "")
    .split("\x1e")
    .map((record) => record.replace(/^\n/, "").split("\x1f"))
    .filter((fields) => fields[0]);
  // `git describe` picks any of several tags on one commit; the release takes the highest version.
  const headTag = bestTag(tagged.map((fields) => fields[0]!));
  const message = tagged.find((fields) => fields[0] === headTag);
  const dirtySuffix = describe?.endsWith("-dirty") ? "-dirty" : "";
  return {
    isRepo: true,
    root,
    describe: headTag ? `${headTag}${dirtySuffix}` : (describe ?? ""),
    tag: headTag ?? tag,
    headTag,
    commit,
    shortCommit,
    commitTime: Number(time),
    changes: changes ?? "",
    branch: branch ?? "",
    previousTag: previousTag ?? "",
    url: url && url !== "origin" ? url : "",
    tagMessage: {
      subject: message?.[1] ?? "",
      contents: (message?.[2] ?? "").trimEnd(),
      body: (message?.[3] ?? "").trimEnd(),
    },
  };
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
