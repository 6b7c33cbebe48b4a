// Step: before building, check that every `-X` stamp has a package-level string variable to land in.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Stamps } from "../go/build-args.js";
import { checkStampTarget, describeStampProblem } from "../go/stamp-source.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { configuredStamps } from "./stamps.js";

export const checkStampsStep: Step = {
  name: "checking -X stamps",
  async run(ctx) {
    for (const warning of await stampWarnings(ctx, releaseStamps(ctx))) ctx.log.warn(warning);
  },
};

/** The stamps the builds pass with -X (goship's stamps, or those inside a GoReleaser file's ldflags). */
export function releaseStamps(ctx: ReleaseContext): Stamps {
  return configuredStamps(ctx);
}

export async function stampWarnings(ctx: ReleaseContext, stamps: Stamps): Promise<string[]> {
  const module = need(ctx, "module");
  const warnings: string[] = [];
  for (const [symbol] of stamps) {
    const dot = symbol.lastIndexOf(".");
    const pkg = symbol.slice(0, dot);
    // `main.x` means the main package being built: every main of the module is checked.
    const importPaths = pkg === "main" ? module.mains.map((m) => m.importPath) : [pkg];
    for (const importPath of importPaths) {
      const listed = module.packages.get(importPath);
      if (!listed) {
        ctx.log.debug?.("-X names a package outside the module; not checked", { symbol });
        continue;
      }
      const sources = await Promise.all(
        listed.goFiles.map((file) => readFile(path.join(listed.dir, file), "utf8")),
      );
      const problem = checkStampTarget(sources, symbol.slice(dot + 1));
      const message = describeStampProblem(symbol, importPath, problem);
      if (message) warnings.push(message);
    }
  }
  return warnings;
}
