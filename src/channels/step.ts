// The install channels step: after the archives, write every Homebrew, Scoop, AUR and winget
// manifest and pack every npm package into dist, as artifacts that `verify` reads back and
// `publish` pushes (see publishers.ts).
import { readFile } from "node:fs/promises";
import { sectionOf } from "../config/section.js";
import type { Target } from "../go/targets.js";
import { effectiveLevel } from "../go/targets.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import {
  giteaUrlsSection,
  githubUrlsSection,
  gitlabUrlsSection,
  releaseSection,
} from "../publish/sections.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { githubDownloadTemplate, ownerAndName } from "./config.js";
import { type ChannelFacts, GENERATED_HEADER, uploadSkipped } from "./facts.js";
import { generateChannelFiles, type PushTarget } from "./generate.js";
import { npmPublishSettings, packNpmRelease } from "./npm/release.js";
import { manifestPublisher, npmPublisher } from "./publishers.js";
import { releasedAssets } from "./release-assets.js";
import {
  aursSection,
  brewsSection,
  casksSection,
  npmsSection,
  scoopsSection,
  wingetSection,
} from "./sections.js";
import { verifyManifest } from "./verify.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    /** A Homebrew cask or formula, Scoop manifest, AUR file or winget manifest. */
    manifest: {
      readonly channel: string;
      /** How its download references are read back. */
      readonly format: string;
      readonly version: string;
      /** Where `publish` commits it; absent for winget. */
      readonly push?: PushTarget;
      readonly skipUpload: boolean;
    };
    /** An npm package tarball. */
    "npm-package": {
      readonly packageName: string;
      readonly version: string;
      readonly role: "main" | "platform";
      readonly integrity: string;
      /** Index of its `npms` entry. */
      readonly entry: number;
      /** Where and how `publish` sends it: the registry ("" = npm's own config), dist-tag, access. */
      readonly registry: string;
      readonly distTag: string;
      readonly access: "" | "public" | "restricted";
      /** `--provenance`: true, false, or auto (decided where `publish` runs: GitHub Actions, GitLab CI). */
      readonly provenance: boolean | "auto";
      readonly skipUpload: boolean;
    };
  }
}

/**
 * GoReleaser's default download URL: the release's GitHub (or GitLab, Gitea) repository under
 * its `*_urls.download`, else the origin remote on github.com.
 */
async function defaultUrlTemplate(ctx: ReleaseContext): Promise<string> {
  const config = need(ctx, "config");
  const release = sectionOf(config, releaseSection);
  const download = (source: string | undefined, fallback: string, key: string) =>
    render(ctx, source ?? fallback, key, releaseFields(ctx)).replace(/\/+$/, "");
  const tag = "{{ urlPathEscape .Tag }}";
  if (release?.github?.owner && release.github.name) {
    const server = download(
      sectionOf(config, githubUrlsSection)?.download,
      "https://github.com",
      "github_urls.download",
    );
    return githubDownloadTemplate(release.github.owner, release.github.name, server);
  }
  if (release?.gitlab?.owner && release.gitlab.name) {
    const server = download(
      sectionOf(config, gitlabUrlsSection)?.download,
      "https://gitlab.com",
      "gitlab_urls.download",
    );
    return `${server}/${release.gitlab.owner}/${release.gitlab.name}/-/releases/${tag}/downloads/{{ .ArtifactName }}`;
  }
  const gitea = sectionOf(config, giteaUrlsSection);
  if (release?.gitea?.owner && release.gitea.name && (gitea?.download || gitea?.api)) {
    const server = download(
      gitea.download,
      (gitea.api ?? "").replace(/\/api\/v1\/?$/, ""),
      "gitea_urls.download",
    );
    return `${server}/${release.gitea.owner}/${release.gitea.name}/releases/download/${tag}/{{ .ArtifactName }}`;
  }
  // The origin remote as the git step read it.
  const repo = ownerAndName(ctx.git?.url ?? "");
  return repo ? githubDownloadTemplate(repo.owner, repo.name) : "{{ .ArtifactName }}";
}

async function channelFacts(ctx: ReleaseContext): Promise<ChannelFacts> {
  const release = need(ctx, "release");
  return {
    projectName: need(ctx, "config").projectName,
    version: (release.tag || release.version).replace(/^v/, ""),
    tag: release.tag,
    prerelease: /-/.test(release.tag),
    header: GENERATED_HEADER,
    defaultUrlTemplate: await defaultUrlTemplate(ctx),
    render: (template, keyPath, fields = {}) =>
      render(ctx, template, keyPath, { ...releaseFields(ctx), ...fields }),
  };
}

const configured = (ctx: ReleaseContext) => {
  const config = need(ctx, "config");
  return {
    homebrew_casks: sectionOf(config, casksSection),
    brews: sectionOf(config, brewsSection),
    scoops: sectionOf(config, scoopsSection),
    aurs: sectionOf(config, aursSection),
    winget: sectionOf(config, wingetSection),
    npms: sectionOf(config, npmsSection),
  };
};

export const channelsStep: Step = {
  name: "writing install channels",
  section: casksSection,
  inner: [
    { section: brewsSection },
    { section: scoopsSection },
    { section: aursSection },
    { section: wingetSection },
    { section: npmsSection },
  ],
  produces: {
    manifest: {
      category: "manifest",
      publishOrder: "last",
      verify: verifyManifest,
      publisher: manifestPublisher,
    },
    "npm-package": { category: "package", publisher: npmPublisher },
  },
  skip(ctx) {
    const c = ctx.config ? configured(ctx) : undefined;
    return c && Object.values(c).some((list) => list.length > 0)
      ? undefined
      : "no install channel is configured";
  },
  async run(ctx) {
    const config = configured(ctx);
    const facts = await channelFacts(ctx);
    const archives = ctx.artifacts.list().flatMap((a) => (a.kind === "archive" ? [a] : []));
    const binaries = ctx.artifacts.list().flatMap((a) => (a.kind === "binary" ? [a] : []));
    const level = (t: Target) => effectiveLevel(t as Target) ?? "";
    const assets = releasedAssets(archives, binaries, level);
    const ids = new Map(archives.map((a) => [a.name, a.producedBy?.id ?? ""]));
    const files = generateChannelFiles(
      config,
      facts,
      assets,
      (a) => ids.get(a.name) ?? "",
      need(ctx, "release").commitTime,
    );
    for (const file of files) {
      const written = await writeStaged(ctx, file.path, file.content);
      ctx.artifacts.add({
        kind: "manifest",
        name: file.path.split("/").at(-1) === file.path ? file.path : file.path.replaceAll("/", "_"),
        path: file.path,
        ...written,
        channel: file.channel,
        format: file.format,
        version: facts.version,
        push: file.push,
        skipUpload: file.skipUpload,
        producedBy: { step: "writing install channels" },
      });
    }
    for (const [entry, npm] of config.npms.entries()) {
      const withBytes = await Promise.all(
        binaries.map(async (b) => ({
          target: b.target,
          binary: b.binary,
          build: b.build,
          data: await readFile(await stagedPath(ctx, b.path)),
        })),
      );
      const at = `npms[${entry}]`;
      const settings = npmPublishSettings(npm, at, facts, {});
      const skipUpload = uploadSkipped(npm.skip_upload, facts);
      for (const pkg of await packNpmRelease(npm, at, facts, withBytes)) {
        const written = await writeStaged(ctx, pkg.path, pkg.data);
        ctx.artifacts.add({
          kind: "npm-package",
          name: pkg.fileName,
          path: pkg.path,
          ...written,
          packageName: pkg.name,
          version: pkg.version,
          role: pkg.role,
          integrity: pkg.integrity,
          entry,
          registry: settings.registry,
          distTag: settings.tag,
          access: settings.access,
          provenance: npm.provenance,
          skipUpload,
          producedBy: { step: "writing install channels", id: npm.id || npm.name },
        });
      }
    }
  },
};
