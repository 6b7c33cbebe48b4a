// Step: verify the staged release from its own bytes before anything is published.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseReleaseMetadata } from "../metadata/metadata.js";
import { need } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { VerificationFailedError } from "./errors.js";
import { type ArtifactRecord, verifyRelease } from "./release.js";
import { listFailures } from "./table.js";

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
      artifacts,
      kinds: ctx.kinds,
    });
    // A stamp the linker dropped is a warning here (the -X check already named the cause) and a
    // failure in `goship verify`.
    for (const failure of listFailures(report, (check) => check === "stamps")) ctx.log.warn(failure);
    const failures = listFailures(report, (check) => check !== "stamps");
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
