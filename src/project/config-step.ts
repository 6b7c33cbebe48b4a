// Step: read the config (goship's, else a GoReleaser file, else none) into ctx.config.
import path from "node:path";
import { resolveGoreleaserConfig } from "../config/goreleaser.js";
import { loadConfig } from "../config/load.js";
import { defaultConfig, type ResolvedConfig, resolveGoshipConfig } from "../config/resolve.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";

/** The repository name of the default git remote, from which GoReleaser derives release.github.name. */
async function remoteRepo(ctx: ReleaseContext, dir: string): Promise<string | undefined> {
  const result = await ctx.exec("git", ["ls-remote", "--get-url"], {
    cwd: dir,
    signal: ctx.signal,
    allowFailure: true,
  });
  const url = result.exitCode === 0 ? result.stdout.trim() : "";
  const name = url
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .split(/[/:]/)
    .at(-1);
  return url && name && url !== "origin" ? name : undefined;
}

export const configStep: Step = {
  name: "reading the config",
  async run(ctx) {
    const module = need(ctx, "module");
    const explicit =
      ctx.options.config === undefined ? undefined : path.resolve(ctx.options.dir, ctx.options.config);
    const loaded = await loadConfig(module.dir, explicit);
    const facts = {
      module,
      platforms: need(ctx, "toolchain").platforms,
      remoteRepo: loaded?.kind === "goreleaser" ? await remoteRepo(ctx, module.dir) : undefined,
    };
    let config: ResolvedConfig;
    // The sections of the pipeline's formats, passed in by the pipeline module.
    const { sections } = ctx;
    if (!loaded) config = defaultConfig(facts, sections);
    else if (loaded.kind === "goreleaser")
      config = resolveGoreleaserConfig(loaded, facts, ctx.env, sections, {
        allowUnimplemented: ctx.options.allowUnimplemented,
      });
    else config = resolveGoshipConfig(loaded, facts, sections);
    if (loaded)
      ctx.log.info("config", {
        file: loaded.name,
        as: loaded.kind === "goreleaser" ? "GoReleaser v2" : "goship",
      });
    for (const note of config.notes) ctx.log.warn(note, { file: config.file });
    if (config.unimplemented.length > 0) {
      ctx.log.warn("these keys are not implemented by goship and have no effect", {
        file: config.file,
        keys: config.unimplemented.join(", "),
      });
    }
    ctx.config = config;
    const { given } = ctx.options;
    ctx.options = {
      ...ctx.options,
      distDir: !given.dist && config.dist ? path.resolve(module.dir, config.dist) : ctx.options.distDir,
      parallelism: !given.parallelism && config.parallelism ? config.parallelism : ctx.options.parallelism,
    };
  },
};
