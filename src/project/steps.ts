// Steps that establish what is released: toolchain, module, version and targets.
import path from "node:path";
import { checkBinaryCounts } from "../config/archives.js";
import { ConfigError } from "../config/errors.js";
import { withGoreleaserLevel } from "../config/goreleaser.js";
import { ExitCode } from "../errors.js";
import {
  DirtyTreeError,
  NoTagError,
  NotAGitRepositoryError,
  NotSemverTagError,
  NotTaggedHeadError,
} from "../git/errors.js";
import { type GitState, readGitState, releaseTime, rfc3339 } from "../git/state.js";
import { goEnv } from "../go/build-args.js";
import { NotAGoModuleError, TargetError } from "../go/errors.js";
import { loadModule } from "../go/module.js";
import { describeTargetProblem, formatTarget, parseTarget, type Target } from "../go/targets.js";
import { resolveToolchain } from "../go/toolchain.js";
import { goEnvInput, need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";

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
    ctx.module = await loadModule(ctx.exec, moduleDir, envFor, ctx.signal, ctx.options.mains);
    const { path: modulePath, mains, modMode, leftOut } = ctx.module;
    ctx.log.info("module", {
      path: modulePath,
      binaries: mains.map((m) => m.binary).join(","),
      mod: modMode,
    });
    if (leftOut.length > 0)
      ctx.log.info("main packages left out (developer tools); choose with --main or builds[].main", {
        packages: leftOut.map((m) => m.relativePath).join(","),
      });
  },
};

export const gitStep: Step = {
  name: "reading the git state",
  async run(ctx) {
    const module = need(ctx, "module");
    const git = await readGitState(ctx.exec, module.dir, ctx.env, ctx.signal);
    // A merge's parts are usually downloaded into the checkout; like dist, they are not sources.
    const outputs = [ctx.options.distDir, ...(ctx.options.parts ?? [])];
    const changes = outputs.reduce(
      (left, dir) => changesOutside({ ...git, changes: left }, dir),
      git.changes,
    );
    const { snapshot } = ctx.options;
    if (ctx.command === "release" && !snapshot) {
      if (!git.isRepo) throw new NotAGitRepositoryError(module.dir);
      if (changes) throw new DirtyTreeError(changes);
      if (!git.tag) throw new NoTagError();
    }
    const time = releaseTime(git, ctx.env.SOURCE_DATE_EPOCH);
    const config = need(ctx, "config");
    const tag = releaseTag(ctx, git);
    if (ctx.command === "release" && !snapshot && config.flavor === "goreleaser")
      checkGoreleaserTag(ctx, git, tag);
    // GoReleaser's .Version is the tag without its "v"; goship's is what `git describe` prints.
    const baseVersion =
      config.flavor === "goreleaser"
        ? (tag || "v0.0.0").replace(/^v/, "")
        : git.describe || "v0.0.0-snapshot";
    ctx.git = git;
    ctx.release = {
      project: config.projectName,
      version: baseVersion,
      commit: git.commit || "none",
      time,
      date: rfc3339(time),
      snapshot,
      dirty: changes !== "",
      buildvcs: git.commit !== "",
      tag,
      baseVersion,
      shortCommit: git.shortCommit || "none",
      summary: git.describe || (config.flavor === "goreleaser" ? "none" : ""),
      commitTime: git.commitTime,
    };
    if (snapshot) {
      const version = render(
        ctx,
        config.snapshot.versionTemplate,
        "snapshot.version_template",
        releaseFields(ctx),
      );
      if (version === "")
        throw new ConfigError(config.file, [
          { path: "snapshot.version_template", message: "renders an empty version" },
        ]);
      ctx.release = { ...ctx.release, version };
    }
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
    const config = need(ctx, "config");
    const override = commandLineTargets(ctx);
    const builds = config.builds
      .filter(
        (build, i) => render(ctx, build.skip, `builds[${i}].skip`, releaseFields(ctx)).trim() !== "true",
      )
      .map((build) => {
        if (override) {
          // A GoReleaser build gets GoReleaser's default level for a target given without one.
          const targets =
            build.flavor === "goreleaser" ? override.map((t) => withGoreleaserLevel(t, ctx.env)) : override;
          return { ...build, targets };
        }
        if (!ctx.options.singleTarget) return build;
        // --single-target keeps the host's own os/arch (with the level the config gives it).
        const host = build.targets.filter(
          (t) => t.goos === toolchain.hostOs && t.goarch === toolchain.hostArch,
        );
        const own: Target = { goos: toolchain.hostOs, goarch: toolchain.hostArch };
        const fallback = build.flavor === "goreleaser" ? withGoreleaserLevel(own, ctx.env) : own;
        return { ...build, targets: host.length > 0 ? host.slice(0, 1) : [fallback] };
      });
    if (builds.length === 0) throw new TargetError("every build is skipped: nothing to release");
    const targets: Target[] = [];
    for (const build of builds) {
      for (const target of build.targets) {
        if (!targets.some((t) => formatTarget(t) === formatTarget(target))) targets.push(target);
      }
    }
    checkBinaryCounts(config.archives, builds, targets);
    ctx.config = { ...config, builds };
    ctx.targets = targets;
  },
};

/** `--targets`, parsed and checked against the toolchain; undefined when not given. */
function commandLineTargets(ctx: ReleaseContext): Target[] | undefined {
  const inputs = ctx.options.targets;
  if (!inputs || inputs.length === 0) return undefined;
  const toolchain = need(ctx, "toolchain");
  const targets: Target[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const parsed = parseTarget(input, toolchain.platforms);
    if (!parsed.ok) problems.push(describeTargetProblem(parsed.problem));
    else if (!targets.some((t) => formatTarget(t) === formatTarget(parsed.target)))
      targets.push(parsed.target);
  }
  // A wrong --targets is wrong usage, like an empty one: the same exit code for both.
  if (problems.length > 0) throw new TargetError(problems.join("\n"), { exitCode: ExitCode.usage });
  return targets;
}

/** What GoReleaser refuses outside snapshots: a tag that is not on HEAD, or that is not a version. */
function checkGoreleaserTag(ctx: ReleaseContext, git: GitState, tag: string): void {
  if (!git.headTag && !ctx.env.GORELEASER_CURRENT_TAG) {
    throw new NotTaggedHeadError(tag, git.commit);
  }
  if (!/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(tag)) throw new NotSemverTagError(tag);
}

/** GoReleaser's tag: GORELEASER_CURRENT_TAG, else the highest tag on HEAD, else the last one reachable. */
function releaseTag(ctx: ReleaseContext, git: GitState): string {
  if (need(ctx, "config").flavor === "goreleaser" && ctx.env.GORELEASER_CURRENT_TAG)
    return ctx.env.GORELEASER_CURRENT_TAG;
  return git.headTag ?? git.tag ?? "";
}

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
