// The forge release publisher: the release for the tag on GitHub, GitLab or Gitea, with the
// notes as its body and every uploaded artifact (plus extra_files) as its assets.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { globFiles } from "../archive/glob.js";
import { releaseBody, truncateReleaseBody } from "../changelog/notes.js";
import type { Forge, Repo } from "./config.js";
import { PublishConfigError } from "./errors.js";
import { createGiteaClient } from "./gitea/client.js";
import { createGitHubClient } from "./github/client.js";
import { isTrue, type PublishContext, type Publisher } from "./publisher.js";
import { type ReleaseClient, syncRelease, type UploadFile } from "./release-sync.js";
import { chooseForge, forgeNames, loadToken } from "./token.js";

export const scmReleasePublisher: Publisher = {
  name: "publishing the release",
  skip(pctx) {
    if (isTrue(pctx, pctx.config.release.disable, "release.disable")) return "release.disable is set";
    return undefined;
  },
  async publish(pctx) {
    const { release } = pctx.config;
    const forge = chooseForge(pctx.config, pctx.env);
    const repo = repoOf(pctx, forge);
    const files = await uploadFiles(pctx);
    const checksums = pctx.uploadable.find((a) => a.kind === "checksums");
    const extra = checksums
      ? { Checksums: await readFile(path.join(pctx.dist.dir, checksums.path), "utf8") }
      : {};
    const header = pctx.render(release.header, "release.header", extra);
    const footer = pctx.render(release.footer, "release.footer", extra);
    const spec = {
      tag: pctx.tag,
      name: pctx.render(release.nameTemplate, "release.name_template"),
      body: truncateReleaseBody(releaseBody(pctx.notes, header, footer)),
      prerelease: isPrerelease(release.prerelease, pctx.tag),
      targetCommitish: pctx.render(release.targetCommitish, "release.target_commitish"),
    };
    const skipUpload = isTrue(pctx, release.skipUpload, "release.skip_upload");
    const where = `${forgeNames[forge]} ${repo.owner}/${repo.name}`;
    if (pctx.dryRun) {
      pctx.log.info("dry run: would publish", {
        to: where,
        tag: spec.tag,
        name: spec.name,
        draft: release.draft,
        prerelease: spec.prerelease,
        body: `${Buffer.byteLength(spec.body)} bytes`,
      });
      for (const file of skipUpload ? [] : files)
        pctx.log.info("dry run: would upload", { name: file.name, size: file.size });
      return;
    }
    const token = await loadToken(forge, pctx.config, pctx.env);
    pctx.secrets.add(token);
    const result = await syncRelease(createClient(pctx, forge, repo, token), {
      spec,
      files,
      draft: release.draft,
      replaceExistingDraft: release.replaceExistingDraft,
      mode: release.mode,
      skipUpload,
      replaceExistingArtifacts: release.replaceExistingArtifacts,
      parallelism: pctx.parallelism,
      log: pctx.log,
    });
    pctx.log.info(
      result.created || result.updated || result.uploaded.length > 0 || result.published
        ? "released"
        : "nothing to change",
      {
        url: result.url,
        uploaded: result.uploaded.length + result.replaced.length,
        unchanged: result.unchanged.length,
      },
    );
  },
};

function createClient(pctx: PublishContext, forge: Forge, repo: Repo, token: string): ReleaseClient {
  const urls = pctx.config.urls[forge];
  const render = (source: string, key: string) => pctx.render(source, key);
  const common = { owner: repo.owner, name: repo.name, token, http: pctx.http, log: pctx.log };
  if (forge === "gitea") {
    if (urls.api === "")
      throw new PublishConfigError(
        "gitea_urls.api is required to publish to Gitea, e.g. https://gitea.example.com/api/v1",
      );
    return createGiteaClient({ ...common, apiUrl: render(urls.api, "gitea_urls.api"), commit: pctx.commit });
  }
  if (forge === "gitlab")
    throw new PublishConfigError(
      "publishing to GitLab is not supported yet; publish to GitHub or Gitea, or upload dist/ with GitLab's release-cli",
    );
  return createGitHubClient({
    ...common,
    apiUrl: render(urls.api, "github_urls.api"),
    uploadUrl: render(urls.upload, "github_urls.upload"),
    makeLatest: pctx.render(pctx.config.release.makeLatest, "release.make_latest").trim(),
    discussionCategory: pctx.config.release.discussionCategory,
    writeSpacingMs: pctx.writeSpacingMs,
  });
}

function repoOf(pctx: PublishContext, forge: Forge): Repo {
  const configured = pctx.config.release.repos[forge];
  const repo = {
    owner: configured?.owner || pctx.remoteRepo?.owner || "",
    name: configured?.name || pctx.remoteRepo?.name || "",
  };
  if (repo.owner === "" || repo.name === "")
    throw new PublishConfigError(
      `no ${forgeNames[forge]} repository to publish to: set release.${forge}.owner and release.${forge}.name, or add a git remote named origin`,
    );
  return repo;
}

/** `prerelease: auto` follows the tag's semver pre-release part; "true" forces it. */
export function isPrerelease(setting: string, tag: string): boolean {
  if (setting === "true") return true;
  return setting === "auto" && /^v?\d+\.\d+\.\d+-[0-9A-Za-z.-]+/.test(tag);
}

/** What the release uploads: uploaded artifacts (filtered by ids), metadata when asked, extra_files. */
async function uploadFiles(pctx: PublishContext): Promise<UploadFile[]> {
  const { release } = pctx.config;
  const ids = new Set(release.ids);
  const picked = pctx.uploadable.filter((a) => {
    const id = (a.id ?? a.build) as string | undefined;
    return ids.size === 0 || id === undefined || ids.has(id);
  });
  const files: UploadFile[] = picked.map((a) => ({
    name: a.name,
    path: path.join(pctx.dist.dir, a.path),
    size: a.size,
    sha256: a.sha256,
  }));
  if (release.includeMeta) {
    for (const name of ["metadata.json", "artifacts.json"])
      files.push(await fileAt(path.join(pctx.dist.dir, name), name));
  }
  for (const [i, extra] of release.extraFiles.entries()) {
    const matches = await globFiles(pctx.moduleDir, extra.glob);
    if (matches.length === 0)
      throw new PublishConfigError(
        `release.extra_files[${i}].glob "${extra.glob}" matches no file; fix the pattern or remove it`,
      );
    for (const match of matches) {
      const file = path.resolve(pctx.moduleDir, match);
      const name =
        extra.nameTemplate === ""
          ? path.basename(file)
          : pctx.render(extra.nameTemplate, `release.extra_files[${i}].name_template`);
      files.push(await fileAt(file, name));
    }
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.name))
      throw new PublishConfigError(`two release assets would both be named ${file.name}; rename one of them`);
    seen.add(file.name);
  }
  return files;
}

async function fileAt(file: string, name: string): Promise<UploadFile> {
  const bytes = await readFile(file);
  return { name, path: file, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}
