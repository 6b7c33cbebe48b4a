// Test fixtures: copy a fixture Go module into a fresh temp directory as a real git repository.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const fixturesDir = path.join(repoRoot, "test/fixtures/modules");

/** A fixed commit time, so tests can check it in archives and stamps: 2024-03-01T12:00:00Z. */
export const commitTime = 1709294400;

export interface FixtureOptions {
  /** Directory to create the copy in (default: a new temp directory). */
  parent?: string;
  /** Sub-path of the copy inside `parent`. */
  name?: string;
  /** Tag the commit (default v1.2.3); false for no tag. */
  tag?: string | false;
  /** Initialise git (default true). */
  git?: boolean;
}

/** Copies test/fixtures/modules/<fixture> and commits it; removed when the test finishes. */
export function copyFixture(fixture: string, options: FixtureOptions = {}): string {
  const parent = options.parent ?? mkdtempSync(path.join(os.tmpdir(), "goship-test-"));
  if (!options.parent) onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, options.name ?? fixture);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(path.join(fixturesDir, fixture), dir, { recursive: true });
  if (options.git !== false) {
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "fixture");
    if (options.tag !== false) git(dir, "tag", options.tag ?? "v1.2.3");
  }
  return dir;
}

export function tempDir(prefix = "goship-test-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** git with a fixed identity and dates, independent of the machine's git config. */
export function git(dir: string, ...args: string[]): string {
  const date = `${commitTime} +0000`;
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "goship test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "goship test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
    },
  }).trim();
}
