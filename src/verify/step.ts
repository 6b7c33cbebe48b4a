// Step: verify the staged release from its own bytes before anything is published.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { whyNotGoshipLayout } from "../config/resolve.js";
import { parseReleaseMetadata } from "../metadata/metadata.js";
import { need } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { VerificationFailedError } from "./errors.js";
import { type ArtifactRecord, verifyRelease } from "./release.js";
import { listFailures } from "./table.js";

export const verifyStep: Step = {
  name: "verifying the release",
  skip: (ctx) =>
    ctx.options.skipVerify ? "--skip-verify" : ctx.config ? whyNotGoshipLayout(ctx.config) : undefined,
  async run(ctx) {
    const root = need(ctx, "stagingDir");
    const metadata = parseReleaseMetadata(await readFile(path.join(root, "metadata.json"), "utf8"));
    const artifacts = ctx.artifacts.toJSON() as ArtifactRecord[];
    const report = await verifyRelease({
      root,
      metadata,
      artifacts: artifacts.filter((a) => a.kind !== "metadata"),
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
    ctx.log.info("verified", { artifacts: report.artifacts.length, checks });
  },
};
