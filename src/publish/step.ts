// Steps: choose the forge early in a release (the changelog's line breaks depend on it), and
// publish a finished dist through every publisher.
import type { PublishEnvironment } from "../artifacts/kind-publisher.js";
import { changelogNewline } from "../changelog/step.js";
import { sectionOf } from "../config/section.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { type ResolvedPublishing, resolvePublishing } from "./config.js";
import { readPublishableDist } from "./dist.js";
import { DistNotPublishableError } from "./errors.js";
import { defaultHttpSettings } from "./http.js";
import type { PublishContext, Publisher } from "./publisher.js";
import { scmReleasePublisher } from "./scm-release.js";
import { Secrets } from "./secrets.js";
import {
  envFilesSection,
  forceTokenSection,
  giteaUrlsSection,
  githubUrlsSection,
  gitlabUrlsSection,
  releaseSection,
} from "./sections.js";
import { chooseForge, tokenVariables } from "./token.js";

/**
 * The destinations every release has, in order; each selects what it sends by artifact traits.
 * Then the publisher each artifact kind declares (`publisher` trait: images, npm, manifests) runs.
 */
export const publishers: readonly Publisher[] = [
  scmReleasePublisher, // the GitHub / GitLab / Gitea release with its notes and assets
];

const otherSections = [
  githubUrlsSection,
  gitlabUrlsSection,
  giteaUrlsSection,
  envFilesSection,
  forceTokenSection,
];

function publishingOf(ctx: ReleaseContext): ResolvedPublishing {
  const config = need(ctx, "config");
  return resolvePublishing({
    release: sectionOf(config, releaseSection),
    github_urls: sectionOf(config, githubUrlsSection),
    gitlab_urls: sectionOf(config, gitlabUrlsSection),
    gitea_urls: sectionOf(config, giteaUrlsSection),
    env_files: sectionOf(config, envFilesSection),
    force_token: sectionOf(config, forceTokenSection),
  });
}

export const forgeStep: Step = {
  name: "choosing the forge",
  section: releaseSection,
  inner: otherSections.map((section) => ({ section })),
  async run(ctx) {
    const forge = chooseForge(publishingOf(ctx), ctx.env);
    // GoReleaser separates changelog lines with a markdown hard break for GitLab and Gitea.
    ctx.facts.set(changelogNewline, forge === "github" ? "\n" : "   \n");
  },
};

export const publishReleaseStep: Step = {
  name: "publishing",
  section: releaseSection,
  inner: otherSections.map((section) => ({ section })),
  async run(ctx) {
    const secrets = new Secrets();
    for (const variable of Object.values(tokenVariables)) secrets.add(ctx.env[variable]);
    const log = secrets.logger(ctx.log);
    try {
      const pctx = await publishContext(ctx, secrets, log);
      const penv = publishEnvironment(ctx, pctx);
      const byKind = ctx.kinds.publishersOf(pctx.dist.artifacts);
      for (const { publisher, artifacts } of byKind) await publisher.check?.(artifacts, penv);
      for (const publisher of publishers) {
        const reason = publisher.skip?.(pctx);
        if (reason !== undefined) {
          log.info(`${publisher.name}: skipped`, { reason });
          continue;
        }
        await publisher.publish(pctx);
      }
      // After the forge release, so every download URL a manifest or package names resolves.
      for (const { publisher, artifacts } of byKind) {
        log.info(publisher.name, { artifacts: artifacts.length });
        await publisher.publish(artifacts, penv);
      }
    } catch (error) {
      throw secrets.error(error);
    }
  },
};

function publishEnvironment(ctx: ReleaseContext, pctx: PublishContext): PublishEnvironment {
  return {
    distDir: pctx.dist.dir,
    tag: pctx.tag,
    commit: pctx.commit,
    commitTime: need(ctx, "release").commitTime,
    moduleDir: pctx.moduleDir,
    env: pctx.env,
    exec: ctx.exec,
    log: pctx.log,
    dryRun: pctx.dryRun,
    signal: ctx.signal,
    render: (source, key) => pctx.render(source, key),
    addSecret: (value) => pctx.secrets.add(value),
  };
}

async function publishContext(
  ctx: ReleaseContext,
  secrets: Secrets,
  log: PublishContext["log"],
): Promise<PublishContext> {
  const info = need(ctx, "release");
  const dist = await readPublishableDist(ctx.options.distDir);
  if (dist.metadata.commit !== info.commit)
    throw new DistNotPublishableError(
      "dist was built from another commit than the one checked out; check out the release's commit, or run `goship release` again",
      { dist: ctx.options.distDir, built: dist.metadata.commit, checkedOut: info.commit },
    );
  if (info.tag === "")
    throw new DistNotPublishableError("the commit has no tag to publish; tag it and release again");
  const options = ctx.options.publishing;
  const uploaded = ctx.kinds.with("uploaded");
  return {
    dist,
    config: publishingOf(ctx),
    tag: info.tag,
    commit: info.commit,
    notes: dist.changelog ?? "",
    uploadable: dist.artifacts.filter(uploaded),
    render: (source, key, extra = {}) => render(ctx, source, key, { ...releaseFields(ctx), ...extra }),
    env: ctx.env,
    log,
    secrets,
    dryRun: options.dryRun ?? false,
    parallelism: Math.min(ctx.options.parallelism, 4),
    http: {
      retries: options.retries ?? defaultHttpSettings.retries,
      retryBaseMs: options.retryBaseMs ?? defaultHttpSettings.retryBaseMs,
      timeoutMs: options.timeoutMs ?? defaultHttpSettings.timeoutMs,
      signal: ctx.signal,
    },
    writeSpacingMs: options.writeSpacingMs ?? 1000,
    // The origin remote as the git step read it (git ls-remote --get-url), not asked again.
    remoteRepo: parseRemote(need(ctx, "git").url ?? ""),
    moduleDir: need(ctx, "module").dir,
  };
}

/** owner/name of a remote URL (https://host/owner/name.git, git@host:owner/name.git). */
export function parseRemote(url: string): { owner: string; name: string } | undefined {
  const match = /[:/]([^/:]+(?:\/[^/:]+)*)\/([^/]+?)(?:\.git)?\/?$/.exec(
    url.replace(/^[a-z+]+:\/\/[^/]+/, ":"),
  );
  if (!match?.[1] || !match[2] || url === "origin") return undefined;
  return { owner: match[1], name: match[2] };
}
