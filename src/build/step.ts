// Target step: one `go build` per main package of the module, into the staging area — or the
// identical binary from the output cache when none of the build's inputs changed.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { stagedPath } from "../dist/staging.js";
import { defaultStamps, goBuildArgs, goBuildEnv } from "../go/build-args.js";
import { CompileError, ModuleNeedsTidyError, needsTidy } from "../go/errors.js";
import type { MainPackage } from "../go/module.js";
import { formatTarget, type Target } from "../go/targets.js";
import { goEnvInput, need, once, type ReleaseContext } from "../pipeline/context.js";
import type { TargetStep } from "../pipeline/step.js";
import { ExecError } from "../process/exec.js";
import { binaryFileName, exeSuffix } from "./naming.js";
import { OutputCache, outputCacheKey, outputEnv, userCacheDir } from "./output-cache.js";
import { digestSources } from "./source-digest.js";

export const buildBinariesStep: TargetStep = {
  name: "building binaries",
  async run(ctx, target) {
    for (const main of need(ctx, "module").mains) await buildMain(ctx, target, main);
  },
};

async function buildMain(ctx: ReleaseContext, target: Target, main: MainPackage): Promise<void> {
  const module = need(ctx, "module");
  const release = need(ctx, "release");
  const name = binaryFileName(main.binary, release.version, target);
  const relPath = `bin/${name}`;
  const output = await stagedPath(ctx, relPath);
  const env = goBuildEnv(goEnvInput(ctx, ctx.options.childMaxProcs), target);
  const args = goBuildArgs({
    packagePath: main.relativePath,
    output,
    modMode: module.modMode,
    buildvcs: release.buildvcs,
    stamps: defaultStamps(release.version, release.commit, release.date),
  });
  const key = ctx.options.cache ? await cacheKey(ctx, args, output, env) : undefined;
  const cache = outputCacheOf(ctx);
  let bytes = key ? await cache.get(key) : undefined;
  if (bytes) {
    await writeFile(output, bytes, { mode: 0o755 });
    ctx.log.debug?.("reused from the output cache", { target: formatTarget(target), binary: main.binary });
  } else {
    await goBuild(ctx, target, main, args, env);
    bytes = await readFile(output);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (key) await cache.put(key, bytes, sha256);
  ctx.artifacts.add({
    kind: "binary",
    name,
    path: relPath,
    target,
    binary: `${main.binary}${exeSuffix(target)}`,
    packagePath: main.importPath,
    size: bytes.byteLength,
    sha256,
  });
}

async function goBuild(
  ctx: ReleaseContext,
  target: Target,
  main: MainPackage,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    await ctx.exec("go", args, { cwd: need(ctx, "module").dir, env, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof ExecError)) throw error;
    if (needsTidy(error.stderr)) throw new ModuleNeedsTidyError(error.stderr.trim());
    throw new CompileError(formatTarget(target), main.importPath, error.stderr.trim());
  }
}

async function cacheKey(
  ctx: ReleaseContext,
  args: string[],
  output: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const toolchain = need(ctx, "toolchain");
  const release = need(ctx, "release");
  return outputCacheKey({
    goVersion: toolchain.goVersion,
    goExperiment: toolchain.goExperiment,
    // The staging path differs on every run and never reaches the binary (-trimpath).
    args: args.map((arg) => (arg === output ? "<output>" : arg)),
    env: outputEnv(env),
    sourceDigest: await sourceDigestOf(ctx),
    vcs: { commit: release.commit, time: need(ctx, "git").commitTime, modified: release.dirty },
  });
}

function sourceDigestOf(ctx: ReleaseContext): Promise<string> {
  return once(ctx, "sourceDigest", () =>
    digestSources(need(ctx, "module").dir, { exclude: [ctx.options.distDir] }),
  );
}

function outputCacheOf(ctx: ReleaseContext): OutputCache {
  return once(ctx, "outputCache", () => new OutputCache(userCacheDir(ctx.env)));
}
