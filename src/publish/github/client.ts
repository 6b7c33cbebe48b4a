// GitHub (and GitHub Enterprise) releases through octokit: retries on 5xx and dropped connections
// (plugin-retry), GitHub's rate-limit rules with retry-after honoured (plugin-throttling), and
// pagination (plugin-paginate-rest). Maps GitHub's shapes to the forge-neutral ones.
import { readFile } from "node:fs/promises";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck";
import type { Logger } from "../../log/logger.js";
import { ForgeRequestError, RejectedTokenError } from "../errors.js";
import { fetchWithTimeout, type HttpSettings } from "../http.js";
import type { ForgeAsset, ForgeRelease, ReleaseClient, ReleaseSpec, UploadFile } from "../release-sync.js";

export interface GitHubSettings {
  readonly owner: string;
  readonly name: string;
  /** API root, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly apiUrl: string;
  /** Upload root, e.g. https://uploads.github.com or https://ghe.example.com/api/uploads. */
  readonly uploadUrl: string;
  readonly token: string;
  /** `"true"`, `"false"`, `"legacy"` or "" (GitHub's default). */
  readonly makeLatest: string;
  readonly discussionCategory: string;
  /** GitHub asks for at least 1 s between writes. @default 1000 */
  readonly writeSpacingMs: number;
  readonly http: HttpSettings;
  readonly log: Logger;
}

const GitHubOctokit = Octokit.plugin(retry, throttling, paginateRest);
type Client = InstanceType<typeof GitHubOctokit>;

interface GitHubRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
}
interface GitHubAsset {
  id: number;
  name: string;
  size: number;
  state: string;
  digest?: string | null;
}

export function createGitHubClient(settings: GitHubSettings): ReleaseClient {
  const { owner, name: repo, log } = settings;
  const octokit: Client = new GitHubOctokit({
    auth: settings.token,
    baseUrl: settings.apiUrl.replace(/\/+$/, ""),
    userAgent: "goship",
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log.debug?.(m),
      error: (m: string) => log.debug?.(m),
    },
    request: { fetch: fetchWithTimeout(settings.http) },
    retry: { retryAfterBaseValue: settings.http.retryBaseMs, retries: settings.http.retries },
    throttle: {
      retryAfterBaseValue: settings.http.retryBaseMs,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: settings.writeSpacingMs }),
      onRateLimit: (after: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        log.warn("GitHub's rate limit is reached", { retryIn: `${after} s`, attempt: retryCount + 1 });
        return retryCount < settings.http.retries && after <= 900;
      },
      onSecondaryRateLimit: (after: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        log.warn("GitHub asked to slow down (secondary rate limit)", {
          retryIn: `${after} s`,
          attempt: retryCount + 1,
        });
        return retryCount < settings.http.retries;
      },
    },
  });
  const releaseUrl = (r: GitHubRelease) => r.html_url;
  const toRelease = (r: GitHubRelease): ForgeRelease => ({
    id: String(r.id),
    tag: r.tag_name,
    name: r.name ?? "",
    body: r.body ?? "",
    draft: r.draft,
    prerelease: r.prerelease,
    url: releaseUrl(r),
  });
  const toAsset = (a: GitHubAsset): ForgeAsset => ({
    id: String(a.id),
    name: a.name,
    size: a.size,
    sha256: a.digest?.startsWith("sha256:") ? a.digest.slice("sha256:".length) : undefined,
    complete: a.state === "uploaded",
  });
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw explain(error, what, settings);
    }
  };
  const base = { owner, repo };
  return {
    forge: "GitHub",
    drafts: true,
    async findRelease(tag) {
      const published = await call("look up the release", async () => {
        try {
          return (await octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", { ...base, tag }))
            .data;
        } catch (error) {
          if (statusOf(error) === 404) return undefined;
          throw error;
        }
      });
      if (published) return toRelease(published);
      // Drafts are invisible to the lookup by tag: find goship's own draft of an earlier run by its tag.
      const draft = await call("list releases", async () => {
        for await (const page of octokit.paginate.iterator("GET /repos/{owner}/{repo}/releases", {
          ...base,
          per_page: 100,
        })) {
          const found = page.data.find((r) => r.draft && r.tag_name === tag);
          if (found) return found;
        }
        return undefined;
      });
      return draft ? toRelease(draft) : undefined;
    },
    async createRelease(spec, draft) {
      const { data } = await call("create the release", () =>
        octokit.request("POST /repos/{owner}/{repo}/releases", { ...base, ...releaseFields(spec), draft }),
      );
      return toRelease(data);
    },
    async updateRelease(release, spec) {
      const { data } = await call("update the release", () =>
        octokit.request("PATCH /repos/{owner}/{repo}/releases/{release_id}", {
          ...base,
          release_id: Number(release.id),
          ...releaseFields(spec),
        }),
      );
      return toRelease(data);
    },
    async deleteRelease(release) {
      await call("delete the draft", () =>
        octokit.request("DELETE /repos/{owner}/{repo}/releases/{release_id}", {
          ...base,
          release_id: Number(release.id),
        }),
      );
    },
    async listAssets(release) {
      const assets = await call("list the release's assets", () =>
        octokit.paginate("GET /repos/{owner}/{repo}/releases/{release_id}/assets", {
          ...base,
          release_id: Number(release.id),
          per_page: 100,
        }),
      );
      return assets.map(toAsset);
    },
    async uploadAsset(release, file: UploadFile) {
      const data = await readFile(file.path);
      try {
        const response = await octokit.request({
          method: "POST",
          url: `${settings.uploadUrl.replace(/\/+$/, "")}/repos/{owner}/{repo}/releases/{release_id}/assets{?name}`,
          ...base,
          release_id: Number(release.id),
          name: file.name,
          data,
          headers: { "content-type": contentType(file.name), "content-length": data.length },
        });
        return toAsset(response.data as GitHubAsset);
      } catch (error) {
        if (statusOf(error) === 422 && alreadyExists(error)) return undefined;
        throw explain(error, `upload ${file.name}`, settings);
      }
    },
    async deleteAsset(_release, asset) {
      await call(`delete the asset ${asset.name}`, () =>
        octokit.request("DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}", {
          ...base,
          asset_id: Number(asset.id),
        }),
      );
    },
    async publishRelease(release) {
      const { data } = await call("publish the release", () =>
        octokit.request("PATCH /repos/{owner}/{repo}/releases/{release_id}", {
          ...base,
          release_id: Number(release.id),
          draft: false,
          ...(settings.makeLatest === ""
            ? {}
            : { make_latest: settings.makeLatest as "true" | "false" | "legacy" }),
          ...(settings.discussionCategory === ""
            ? {}
            : { discussion_category_name: settings.discussionCategory }),
        }),
      );
      return toRelease(data);
    },
  };
}

function releaseFields(spec: ReleaseSpec) {
  return {
    tag_name: spec.tag,
    name: spec.name,
    body: spec.body,
    prerelease: spec.prerelease,
    ...(spec.targetCommitish === "" ? {} : { target_commitish: spec.targetCommitish }),
  };
}

/** The HTTP status of a failed request; 0 when no answer came (octokit reports those as 500). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  return "response" in error && error.response !== undefined ? Number(error.status) : 0;
}

function alreadyExists(error: unknown): boolean {
  const data = (error as { response?: { data?: { errors?: Array<{ code?: string }> } } }).response?.data;
  return (data?.errors ?? []).some((e) => e.code === "already_exists");
}

/** A goship error for a failed request; octokit's own messages may quote headers, so only status and GitHub's message are kept. */
function explain(error: unknown, what: string, settings: GitHubSettings): Error {
  const status = statusOf(error);
  if (status === undefined) return error as Error;
  const repo = `${settings.owner}/${settings.name}`;
  if (status === 401 || (status === 403 && !/rate limit/i.test(messageOf(error))))
    return new RejectedTokenError("GitHub", "GITHUB_TOKEN", status, `${settings.apiUrl} (${repo})`);
  if (status === 404 && what !== "look up the release")
    return new ForgeRequestError(
      "GitHub",
      what,
      status,
      `${messageOf(error)}; check release.github.owner/name (${repo}) and that the token can see it`,
      { repository: repo },
    );
  return new ForgeRequestError("GitHub", what, status, messageOf(error), { repository: repo });
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  if (typeof data?.message === "string") return data.message;
  return error instanceof Error ? error.message : String(error);
}

/** GitHub requires a Content-Type; the asset's own type helps browsers that download it. */
export function contentType(name: string): string {
  if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return "application/gzip";
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".txt") || name.endsWith(".sha256") || name.endsWith(".md"))
    return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
