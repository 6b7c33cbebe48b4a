// Steps of `release --verify-reproducible`: refuse early what a clean clone cannot prove, and at
// the end, before anything is published, rebuild independently and compare every artifact.

import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { writeStaged } from "../staging/staging.js";
import { locateRepo } from "./clone.js";
import { DirtyTreeUnprovableError, NoCommitToCloneError } from "./errors.js";
import { SIGNED_KINDS } from "./published.js";
import { reportError, reportJson, summaryLine } from "./report.js";
import { proveReproducible } from "./verify.js";

const REPORT = "reproducibility.json";

const skipUnlessAsked = (ctx: ReleaseContext) =>
  ctx.options.verifyReproducible ? undefined : "reproducibility is verified only with --verify-reproducible";

export const reproducibleSourceStep: Step = {
  name: "checking the release can be rebuilt from a clone",
  skip: skipUnlessAsked,
  async run(ctx) {
    const git = need(ctx, "git");
    if (!git.isRepo || !git.commit) throw new NoCommitToCloneError(need(ctx, "module").dir);
    // A commit object of the dirty state would carry another revision, describe and vcs.modified
    // than the release, so it could not prove this release either: say so instead.
    if (need(ctx, "release").dirty) throw new DirtyTreeUnprovableError(git.commit, git.changes);
  },
};

export const verifyReproducibleStep: Step = {
  name: "verifying reproducibility",
  skip: skipUnlessAsked,
  async run(ctx) {
    const module = need(ctx, "module");
    const release = need(ctx, "release");
    const staging = need(ctx, "stagingDir");
    const repo = await locateRepo(ctx.exec, module.dir, ctx.env, ctx.signal);
    if (!repo) throw new NoCommitToCloneError(module.dir);
    const { report, rebuildMs } = await proveReproducible({
      exec: ctx.exec,
      log: ctx.log,
      signal: ctx.signal,
      env: ctx.env,
      umask: process.umask(),
      repo,
      ref: release.commit,
      version: release.version,
      // The user's own target flags, so the config picks each build's targets as it just did.
      targets: ctx.options.targets,
      singleTarget: ctx.options.singleTarget,
      snapshot: release.snapshot,
      packages: ctx.options.packages,
      parallelism: ctx.options.parallelism,
      config: need(ctx, "config").file,
      // Signatures and provenance need the signer's key: the rebuild makes none, so none is compared.
      artifacts: ctx.artifacts
        .list()
        .filter((a) => !SIGNED_KINDS.has(a.kind))
        .map((a) => ({
          path: a.path,
          sha256: a.sha256,
          file: path.join(staging, ...a.path.split("/")),
        })),
      listIsComplete: true,
      worktree: module.dir,
      diffoscope: ctx.options.diffoscope,
    });
    const json = `${JSON.stringify(reportJson(report), null, 2)}\n`;
    if (report.verdict === "reproduced") {
      // Published with everything else, and listed in artifacts.json.
      const written = await writeStaged(ctx, REPORT, json);
      ctx.artifacts.add({ kind: "metadata", name: REPORT, path: REPORT, ...written });
      ctx.log.info(summaryLine(report), { rebuild: `${(rebuildMs / 1000).toFixed(1)}s` });
      return;
    }
    // Nothing else is published after a failed proof, but the report stays for the user to read.
    const reportFile = path.join(ctx.options.distDir, REPORT);
    await writeAtomically(reportFile, json);
    throw reportError(report, { reportFile, suffix: "nothing was published" });
  },
};

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
