// Step: verify the staged release from its own bytes before anything is published.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseReleaseMetadata } from "../metadata/metadata.js";
import { need } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { VerificationFailedError } from "./errors.js";
import { type ArtifactRecord, verifyRelease } from "./release.js";
import { listFailures } from "./table.js";
import { hostPaths } from "./verify.js";

/** The checks of a binary's own build (as opposed to the release's files and layout). */
const binaryChecks = new Set([
  "target",
  "static",
  "stripped",
  "no build ID",
  "trimpath",
  "cgo off",
  "vcs clean",
  "stamps",
  "go version",
  "no local paths",
  "go binary",
]);

export const verifyStep: Step = {
  name: "verifying the release",
  async run(ctx) {
    // Said at the default level: a release that was not verified must not look as if it were.
    if (ctx.options.skipVerify) {
      ctx.log.warn("the release was not verified (--skip-verify)");
      return;
    }
    const root = need(ctx, "stagingDir");
    const metadata = parseReleaseMetadata(await readFile(path.join(root, "metadata.json"), "utf8"));
    const artifacts = ctx.artifacts.toJSON() as ArtifactRecord[];
    const report = await verifyRelease({
      root,
      metadata,
      buildPaths: [
        need(ctx, "module").dir,
        ctx.options.distDir,
        ...(need(ctx, "toolchain").paths ?? []),
        ...hostPaths(ctx.env),
      ],
      artifacts,
      kinds: ctx.kinds,
    });
    // metadata.json lists only the stamps that land, so a missing stamp fails here as it does in
    // `goship verify`. A config file's builds may differ per target (overrides, cgo left to the
    // environment, per-target stamps) while metadata.json records one build line: there goship's
    // binary checks are reported, not enforced. Digests, checksum files and layouts always are.
    const lenient = ctx.config?.file !== undefined;
    const warned = (check: string) => lenient && binaryChecks.has(check);
    for (const failure of listFailures(report, warned)) ctx.log.warn(`not enforced: ${failure}`);
    const failures = listFailures(report, (check) => !warned(check));
    if (failures.length > 0) throw new VerificationFailedError(failures);
    const checks = report.artifacts.reduce(
      (n, a) => n + a.checks.filter((c) => c.status === "pass").length,
      0,
    );
    const skipped = new Map<string, string>();
    for (const a of report.artifacts)
      for (const c of a.checks)
        if (c.status === "skip" && !skipped.has(c.check)) skipped.set(c.check, c.detail);
    for (const [check, reason] of skipped) ctx.log.info(`check skipped: ${check}`, { reason });
    ctx.log.info("verified", { artifacts: report.count, checks });
  },
};
