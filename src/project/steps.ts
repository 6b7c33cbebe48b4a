// Steps that establish what is released: toolchain, module, version and targets.
import path from "node:path";
import { DirtyTreeError, NoTagError, NotAGitRepositoryError } from "../git/errors.js";
import { type GitState, readGitState, releaseTime, rfc3339 } from "../git/state.js";
import { goEnv } from "../go/build-args.js";
import { NotAGoModuleError, TargetError } from "../go/errors.js";
import { lastElement, loadModule } from "../go/module.js";
import {
  defaultTargets,
  describeTargetProblem,
  formatTarget,
  parseTarget,
  type Target,
} from "../go/targets.js";
import { resolveToolchain } from "../go/toolchain.js";
import { goEnvInput, need } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";

export const toolchainStep: Step = {
  name: "resolving the Go toolchain",
  async run(ctx) {
    const toolchain = await resolveToolchain(
      ctx.exec,
      ctx.options.dir,
      ctx.env,
      goEnv(goEnvInput(ctx)),
      ctx.signal,
    );
    if (!toolchain.goMod) throw new NotAGoModuleError(ctx.options.dir);
    if (toolchain.userGoFlags) {
      ctx.log.warn("GOFLAGS is ignored: release flags are fixed so that builds are reproducible", {
        GOFLAGS: toolchain.userGoFlags,
      });
    }
    if (toolchain.goExperiment) {
      ctx.log.warn("GOEXPERIMENT changes what Go builds; it is recorded in build info", {
        GOEXPERIMENT: toolchain.goExperiment,
      });
    }
    ctx.toolchain = toolchain;
    ctx.log.info("toolchain", { go: toolchain.goVersion });
  },
};

export const moduleStep: Step = {
  name: "loading the module",
  async run(ctx) {
    const moduleDir = path.dirname(need(ctx, "toolchain").goMod);
    const envFor = (modMode: "readonly" | "vendor") => goEnv({ base: ctx.env, modMode });
    ctx.module = await loadModule(ctx.exec, moduleDir, envFor, ctx.signal);
    const { path: modulePath, mains, modMode } = ctx.module;
    ctx.log.info("module", {
      path: modulePath,
      binaries: mains.map((m) => m.binary).join(","),
      mod: modMode,
    });
  },
};

export const gitStep: Step = {
  name: "reading the git state",
  async run(ctx) {
    const module = need(ctx, "module");
    const git = await readGitState(ctx.exec, module.dir, ctx.signal);
    const changes = changesOutside(git, ctx.options.distDir);
    const { snapshot } = ctx.options;
    if (ctx.command === "release" && !snapshot) {
      if (!git.isRepo) throw new NotAGitRepositoryError(module.dir);
      if (changes) throw new DirtyTreeError(changes);
      if (!git.tag) throw new NoTagError();
    }
    const time = releaseTime(git, ctx.env.SOURCE_DATE_EPOCH);
    ctx.git = git;
    ctx.release = {
      project: lastElement(module.path),
      version: git.describe || "v0.0.0-snapshot",
      commit: git.commit || "none",
      time,
      date: rfc3339(time),
      snapshot,
      dirty: changes !== "",
      buildvcs: git.commit !== "",
    };
    if (!git.isRepo) ctx.log.warn("not a git repository: building without VCS information");
    ctx.log.info("version", {
      version: ctx.release.version,
      commit: ctx.release.commit,
      date: ctx.release.date,
    });
  },
};

export const targetsStep: Step = {
  name: "choosing targets",
  async run(ctx) {
    const toolchain = need(ctx, "toolchain");
    if (ctx.options.singleTarget) {
      ctx.targets = [{ goos: toolchain.hostOs, goarch: toolchain.hostArch }];
      return;
    }
    const inputs = ctx.options.targets;
    if (!inputs || inputs.length === 0) {
      ctx.targets = defaultTargets;
      return;
    }
    const targets: Target[] = [];
    const problems: string[] = [];
    for (const input of inputs) {
      const parsed = parseTarget(input, toolchain.platforms);
      if (!parsed.ok) problems.push(describeTargetProblem(parsed.problem));
      else if (!targets.some((t) => formatTarget(t) === formatTarget(parsed.target)))
        targets.push(parsed.target);
    }
    if (problems.length > 0) throw new TargetError(problems.join("\n"));
    ctx.targets = targets;
  },
};

/**
 * `git status --porcelain` minus entries inside dist: dist is git-ignored by goship before any
 * build runs, so an old dist must not make the tree look dirty.
 */
export function changesOutside(git: GitState, distDir: string): string {
  if (!git.isRepo || !git.changes) return "";
  const distRel = path.relative(git.root, distDir).split(path.sep).join("/");
  const insideRepo = distRel !== "" && !distRel.startsWith("..") && !path.isAbsolute(distRel);
  return git.changes
    .split("\n")
    .filter((line) => {
      if (!insideRepo) return line !== "";
      const file = unquote(line.slice(3).split(" -> ").at(-1) ?? "");
      return line !== "" && file !== distRel && file !== `${distRel}/` && !file.startsWith(`${distRel}/`);
    })
    .join("\n");
}

function unquote(file: string): string {
  return file.startsWith('"') && file.endsWith('"') ? (JSON.parse(file) as string) : file;
}
