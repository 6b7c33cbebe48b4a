// Target step: one `go build` per main package of every build that has this target, into the
// staging area — or the identical binary from the output cache when none of its inputs changed.
import { readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "../artifacts/digest.js";
import { outputCacheKey, outputEnv } from "../cache/output-cache.js";
import { cgoPlanOf } from "../cctoolchain/plans.js";
import { recordGlibcFloor } from "../cctoolchain/record.js";
import { forTarget, type ResolvedBuild, type ResolvedMain } from "../config/builds.js";
import { goBuildEnv, goBuildLine, goreleaserBuildEnv, ldflagsWithStamps } from "../go/build-args.js";
import { CompileError, ModuleNeedsTidyError, needsTidy } from "../go/errors.js";
import { formatTarget, type Target } from "../go/targets.js";
import { runHooks } from "../hooks/run.js";
import { goEnvInput, need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import { outputCacheOf } from "../pipeline/output-cache.js";
import type { TargetStep } from "../pipeline/step.js";
import {
  goreleaserTargetId,
  releaseFields,
  render,
  splitEnv,
  targetFields,
  templateEnv,
} from "../pipeline/templates.js";
import { ExecError } from "../process/exec.js";
import { stagedPath } from "../staging/staging.js";
import { importPathOf } from "./binaries.js";
import { droppedStamps } from "./dropped-stamps.js";
import { ModTimestampError } from "./errors.js";
import { binaryExtension, binaryFileName } from "./naming.js";
import { digestSources } from "./source-digest.js";
import { verifyBinary } from "./verify.js";

export const buildBinariesStep: TargetStep = {
  name: "building binaries",
  produces: {
    // Binaries are released inside archives (or as the `binary` archive format), not on their own.
    binary: { category: "binary", verify: verifyBinary },
  },
  async run(ctx, target) {
    for (const [index, build] of need(ctx, "config").builds.entries()) {
      if (!build.targets.some((t) => formatTarget(t) === formatTarget(target))) continue;
      await buildTarget(ctx, forTarget(build, goreleaserTargetId(target)), index, target);
    }
  },
};

async function buildTarget(
  ctx: ReleaseContext,
  build: ResolvedBuild,
  index: number,
  target: Target,
): Promise<void> {
  const where = `builds[${index}]`;
  const fields = { ...releaseFields(ctx), ...targetFields(target) };
  // GoReleaser renders each build env entry with the run's env, then adds the target's variables.
  const configured: Record<string, string> = {};
  build.env.forEach((entry, i) => {
    const [key, value] = splitEnv(render(ctx, entry, `${where}.env[${i}]`, fields));
    if (key) configured[key] = value;
  });
  const env = buildEnv(ctx, build, configured, target);
  const templateVars = stringVars(env);
  const outputs = build.mains.map((main, i) => outputOf(ctx, build, index, main, i, target, fields));
  // .Path is where the binary is while the run lasts (the staging area), so post hooks can work on it.
  const hookData = async (output: (typeof outputs)[number]) => ({
    ...fields,
    Name: output.fileName,
    Ext: output.ext,
    Path: await stagedPath(ctx, output.relPath),
    Binary: output.binary,
  });
  const hookEnv = { ...templateEnv(ctx), ...configured };
  if (build.hooks.pre.length > 0)
    await runHooks(ctx, build.hooks.pre, { data: await hookData(outputs[0]!), env: hookEnv });
  const built: Built[] = [];
  for (const [i, main] of build.mains.entries()) {
    built.push(await buildMain(ctx, build, index, main, target, outputs[i]!, env, templateVars));
  }
  if (build.hooks.post.length > 0)
    await runHooks(ctx, build.hooks.post, { data: await hookData(outputs[0]!), env: hookEnv });
  const changed = build.hooks.post.length > 0;
  for (const [i, main] of build.mains.entries()) {
    await registerBinary(ctx, build, main, target, outputs[i]!, built[i]!, changed);
  }
}

interface Output {
  /** Binary name without extension, as rendered from the template. */
  readonly binary: string;
  readonly ext: string;
  /** The plain file name, also its name inside archives: `api`, `api.exe`. */
  readonly fileName: string;
  /** Path relative to dist. */
  readonly relPath: string;
  /** Artifact name, unique within the release. */
  readonly name: string;
}

function outputOf(
  ctx: ReleaseContext,
  build: ResolvedBuild,
  index: number,
  main: ResolvedMain,
  mainIndex: number,
  target: Target,
  fields: Record<string, unknown>,
): Output {
  const at = build.mains.length > 1 ? `builds[${index}].main[${mainIndex}]` : `builds[${index}].binary`;
  const binary = render(ctx, main.binary, at, fields);
  const ext = binaryExtension(build.flavor, target);
  const fileName = `${binary}${ext}`;
  if (build.flavor === "goship") {
    const name = binaryFileName(binary, need(ctx, "release").version, target);
    return { binary, ext, fileName, relPath: `bin/${name}`, name };
  }
  // GoReleaser: dist/<id>_<target>/<binary><ext>; the path names the artifact, the file name repeats.
  const dir = build.uniqueDistDir ? `${build.id}_${String(fields.Target)}/` : "";
  const relPath = `${dir}${fileName}`;
  return { binary, ext, fileName, relPath, name: relPath };
}

function buildEnv(
  ctx: ReleaseContext,
  build: ResolvedBuild,
  configured: Record<string, string>,
  target: Target,
): NodeJS.ProcessEnv {
  const input = goEnvInput(ctx, ctx.options.childMaxProcs);
  const topLevel = configEnv(ctx);
  if (build.flavor === "goreleaser") return goreleaserBuildEnv(input, { ...topLevel, ...configured }, target);
  const pinned = goBuildEnv(input, target);
  const cgo = cgoPlanOf(ctx, build.id, target);
  // goship: static unless cgo is on; the C toolchain's CC/CXX, the config's variables (a CC there
  // wins), then the target's, which nothing overrides.
  return {
    ...pinned,
    CGO_ENABLED: cgo ? "1" : "0",
    ...cgo?.env,
    ...topLevel,
    ...configured,
    ...targetOnly(pinned, target),
  };
}

/** The config's top-level env, rendered once. */
function configEnv(ctx: ReleaseContext): Record<string, string> {
  const all = templateEnv(ctx);
  const out: Record<string, string> = {};
  for (const entry of need(ctx, "config").env) {
    const [key] = splitEnv(entry);
    if (key && all[key] !== undefined) out[key] = all[key];
  }
  return out;
}

function targetOnly(env: NodeJS.ProcessEnv, target: Target): Record<string, string> {
  const out: Record<string, string> = { GOOS: target.goos, GOARCH: target.goarch };
  for (const [key, value] of Object.entries(env)) {
    if (/^GO(AMD64|ARM|ARM64|386|MIPS|MIPS64|PPC64|RISCV64)$/.test(key) && value !== undefined)
      out[key] = value;
  }
  return out;
}

async function buildMain(
  ctx: ReleaseContext,
  build: ResolvedBuild,
  index: number,
  main: ResolvedMain,
  target: Target,
  out: Output,
  env: NodeJS.ProcessEnv,
  envVars: Record<string, string>,
): Promise<Built> {
  const module = need(ctx, "module");
  const release = need(ctx, "release");
  const where = `builds[${index}]`;
  const output = await stagedPath(ctx, out.relPath);
  const data = {
    ...releaseFields(ctx),
    ...targetFields(target),
    Binary: out.binary,
    ArtifactName: out.fileName,
    ArtifactPath: output,
    ArtifactExt: out.ext,
  };
  const list = (key: string, values: readonly string[]) =>
    values.map((v, i) => render(ctx, v, `${where}.${key}[${i}]`, data, envVars)).filter((v) => v !== "");
  const stamps = build.stamps.map(
    ([symbol, value]) => [symbol, render(ctx, value, `${where}.stamps.${symbol}`, data, envVars)] as const,
  );
  const cgo = build.flavor === "goship" ? cgoPlanOf(ctx, build.id, target) : undefined;
  const ldflags = [...list("ldflags", build.ldflags), ...(cgo?.ldflags ?? [])];
  const args = goBuildLine({
    release: build.flavor === "goship" ? { modMode: module.modMode, buildvcs: release.buildvcs } : undefined,
    flags: list("flags", build.flags),
    asmflags: list("asmflags", build.asmflags),
    gcflags: list("gcflags", build.gcflags),
    tags: list("tags", build.tags),
    ldflags: ldflags.length > 0 || stamps.length > 0 ? ldflagsWithStamps(ldflags, stamps) : undefined,
    buildmode: build.buildmode,
    output,
    packagePath: main.package,
  });
  const cwd = path.resolve(module.dir, build.dir);
  const key =
    ctx.options.cache && cacheable(build, args, env) ? await cacheKey(ctx, args, output, env) : undefined;
  const cache = outputCacheOf(ctx);
  let bytes = key ? await cache?.get(key) : undefined;
  if (bytes) {
    await writeFile(output, bytes, { mode: 0o755 });
    ctx.log.debug?.("reused from the output cache", { target: formatTarget(target), binary: out.binary });
  } else {
    const tool = render(ctx, build.tool, `${where}.tool`, data, envVars);
    await goBuild(ctx, tool, target, `${module.path}/${main.package}`, args, env, cwd);
    bytes = await readFile(output);
    if (key) await cache?.put(key, bytes, sha256Hex(bytes));
  }
  if (cgo?.mode === "dynamic") await recordGlibcFloor(ctx, build.id, target, bytes);
  if (build.modTimestamp)
    await applyModTimestamp(ctx, build.modTimestamp, `${where}.mod_timestamp`, data, output);
  // What ran, as it ran: the staging directory differs on every run, the dist path does not.
  const argv = [build.tool, ...args.map((arg) => (arg === output ? out.relPath : arg))];
  return { bytes, argv, env: outputEnv(env), stamps };
}

/** A built binary's bytes, and the facts of the `go build` that made it. */
interface Built {
  readonly bytes: Buffer;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly stamps: ReadonlyArray<readonly [symbol: string, value: string]>;
}

/** Records a built binary, read after the post hooks, which may have changed it (upx, signing). */
async function registerBinary(
  ctx: ReleaseContext,
  build: ResolvedBuild,
  main: ResolvedMain,
  target: Target,
  out: Output,
  built: Built,
  changedByHooks: boolean,
): Promise<void> {
  const module = need(ctx, "module");
  const bytes = changedByHooks ? await readFile(await stagedPath(ctx, out.relPath)) : built.bytes;
  const unlanded = await droppedStamps(ctx, out.fileName.replace(/\.exe$/, ""), bytes);
  ctx.artifacts.add({
    kind: "binary",
    name: out.name,
    path: out.relPath,
    target,
    binary: out.fileName,
    packagePath: importPathOf(module.path, module.mains, main.package),
    build: build.id,
    ...(unlanded.length > 0 ? { unlandedStamps: unlanded } : {}),
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
    producedBy: {
      step: buildBinariesStep.name,
      id: build.id,
      argv: built.argv,
      env: built.env,
      stamps: built.stamps,
      changedByHooks,
    },
  });
}

/**
 * The cache key covers argv, GO* variables, sources and VCS facts. Without -trimpath the binary
 * also records where the sources and the toolchain are, and with cgo the C toolchain matters:
 * those builds always run.
 */
function cacheable(build: ResolvedBuild, args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return (
    args.includes("-trimpath") &&
    env.CGO_ENABLED === "0" &&
    build.hooks.pre.length === 0 &&
    build.tool === "go"
  );
}

async function applyModTimestamp(
  ctx: ReleaseContext,
  template: string,
  name: string,
  data: Record<string, unknown>,
  file: string,
): Promise<void> {
  const text = render(ctx, template, name, data).trim();
  if (text === "") return;
  if (!/^-?\d+$/.test(text)) throw new ModTimestampError(name, text);
  const seconds = Number(text);
  await utimes(file, seconds, seconds);
}

async function goBuild(
  ctx: ReleaseContext,
  tool: string,
  target: Target,
  importPath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<void> {
  try {
    await ctx.exec(tool, args, { cwd, env, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof ExecError)) throw error;
    if (needsTidy(error.stderr)) throw new ModuleNeedsTidyError(error.stderr.trim());
    throw new CompileError(formatTarget(target), importPath, error.stderr.trim());
  }
}

function stringVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
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

const sourceDigestKey = factKey<Promise<string>>("source digest");

function sourceDigestOf(ctx: ReleaseContext): Promise<string> {
  return ctx.facts.once(sourceDigestKey, () =>
    digestSources(need(ctx, "module").dir, { exclude: [ctx.options.distDir] }),
  );
}
