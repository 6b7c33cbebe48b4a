// Steps that open dist for writing and, at the very end, publish what the run made.
import { mkdir, mkdtemp, readdir, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Artifact } from "../artifacts/artifact.js";
import type { KindRegistry } from "../artifacts/kinds.js";
import type { ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { DistNotEmptyError, DistNotWritableError, UnsafeDistError } from "./errors.js";
import { publishStaged, writeStaged } from "./staging.js";

export const prepareDistStep: Step = {
  name: "preparing dist",
  async run(ctx) {
    const { distDir } = ctx.options;
    checkDistIsSafe(ctx);
    const existing = await listDir(distDir);
    if (existing && existing.length > 0) {
      if (!ctx.options.clean) throw new DistNotEmptyError(distDir);
      await guard(distDir, () => rm(distDir, { recursive: true, force: true }));
    }
    const created = existing === undefined || ctx.options.clean;
    await guard(distDir, () => mkdir(distDir, { recursive: true }));
    // git ignores everything in dist, so that cmd/go's `git status` (vcs.modified) never sees
    // the files of this run while other targets are still compiling.
    if (insideGitTree(ctx)) await guard(distDir, () => writeFile(path.join(distDir, ".gitignore"), "*\n"));
    const staging = await guard(distDir, () => mkdtemp(path.join(distDir, ".goship-tmp-")));
    ctx.stagingDir = staging;
    ctx.onExit.push(() => rm(staging, { recursive: true, force: true }));
    if (created) ctx.onFailure.push(() => removeIfOnlyOurs(distDir));
  },
};

export const publishStep: Step = {
  name: "publishing dist",
  async run(ctx) {
    const published: string[] = [];
    ctx.onFailure.push(async () => {
      for (const file of published) await unlink(file).catch(() => {});
    });
    // artifacts.json indexes everything else (it cannot list itself) and is published last.
    await writeStaged(ctx, "artifacts.json", `${JSON.stringify(ctx.artifacts.toJSON(), null, 2)}\n`);
    await publishStaged(ctx, [...publishOrder(ctx.artifacts.list(), ctx.kinds), "artifacts.json"], published);
  },
};

/**
 * Payload first (binaries, archives, packages), then indexes (checksum files), signatures, and
 * what is declared last (metadata): what looks final comes last. Within a rank, in the order made.
 */
export function publishOrder(artifacts: readonly Artifact[], kinds: KindRegistry): string[] {
  return [...artifacts]
    .sort((a, b) => kinds.publishRankOf(a.kind) - kinds.publishRankOf(b.kind))
    .map((a) => a.path);
}

function checkDistIsSafe(ctx: ReleaseContext): void {
  const { distDir, dir } = ctx.options;
  const within = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  if (within(dir, distDir)) throw new UnsafeDistError(distDir, "the module directory or one of its parents");
  const gitRoot = ctx.git?.root;
  if (gitRoot && within(gitRoot, distDir))
    throw new UnsafeDistError(distDir, "the git work tree or one of its parents");
  if (within(os.homedir(), distDir))
    throw new UnsafeDistError(distDir, "your home directory or one of its parents");
}

function insideGitTree(ctx: ReleaseContext): boolean {
  const root = ctx.git?.root;
  if (!root) return false;
  const rel = path.relative(root, ctx.options.distDir);
  return !rel.startsWith("..") && !path.isAbsolute(rel);
}

async function listDir(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new DistNotWritableError(dir, error as NodeJS.ErrnoException);
  }
}

async function guard<T>(distDir: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new DistNotWritableError(distDir, error as NodeJS.ErrnoException);
  }
}

/** After a failure, remove a dist this run created if nothing but goship's own files are in it. */
async function removeIfOnlyOurs(distDir: string): Promise<void> {
  const left = (await listDir(distDir)) ?? [];
  if (left.every((name) => name === ".gitignore" || name.startsWith(".goship-tmp-"))) {
    for (const name of left) await rm(path.join(distDir, name), { recursive: true, force: true });
    await rmdir(distDir).catch(() => {});
  }
}
