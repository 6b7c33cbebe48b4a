// Target step: one `go build` per main package of the module, into the staging area.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { stagedPath } from "../dist/staging.js";
import { defaultStamps, goBuildArgs, goBuildEnv } from "../go/build-args.js";
import { CompileError, ModuleNeedsTidyError, needsTidy } from "../go/errors.js";
import { formatTarget } from "../go/targets.js";
import { goEnvInput, need } from "../pipeline/context.js";
import type { TargetStep } from "../pipeline/step.js";
import { ExecError } from "../process/exec.js";
import { binaryFileName, exeSuffix } from "./naming.js";

export const buildBinariesStep: TargetStep = {
  name: "building binaries",
  async run(ctx, target) {
    const module = need(ctx, "module");
    const release = need(ctx, "release");
    const env = goBuildEnv(goEnvInput(ctx, ctx.options.childMaxProcs), target);
    for (const main of module.mains) {
      const name = binaryFileName(main.binary, release.version, target);
      const relPath = `bin/${name}`;
      const output = await stagedPath(ctx, relPath);
      const args = goBuildArgs({
        packagePath: main.relativePath,
        output,
        modMode: module.modMode,
        buildvcs: release.buildvcs,
        stamps: defaultStamps(release.version, release.commit, release.date),
      });
      try {
        await ctx.exec("go", args, { cwd: module.dir, env, signal: ctx.signal });
      } catch (error) {
        if (!(error instanceof ExecError)) throw error;
        if (needsTidy(error.stderr)) throw new ModuleNeedsTidyError(error.stderr.trim());
        throw new CompileError(formatTarget(target), main.importPath, error.stderr.trim());
      }
      const bytes = await readFile(output);
      ctx.artifacts.add({
        kind: "binary",
        name,
        path: relPath,
        target,
        binary: `${main.binary}${exeSuffix(target)}`,
        packagePath: main.importPath,
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
    }
  },
};
