// Gitea releases over its REST API (plain fetch: Gitea publishes no JavaScript client). Gitea
// accepts a second asset of the same name, so an upload whose answer was lost is looked up before
// it is sent again.
import { readFile } from "node:fs/promises";
import type { Logger } from "../../log/logger.js";
import { ForgeRequestError, RejectedTokenError } from "../errors.js";
import { HttpFailure, type HttpSettings, requestJson } from "../http.js";
import type { ForgeAsset, ForgeRelease, ReleaseClient, ReleaseSpec } from "../release-sync.js";

export interface GiteaSettings {
  readonly owner: string;
  readonly name: string;
  /** e.g. https://gitea.example.com/api/v1 */
  readonly apiUrl: string;
  readonly token: string;
  /** Where a missing tag is created when the config names no target_commitish. */
  readonly commit: string;
  readonly http: HttpSettings;
  readonly log: Logger;
}

interface GiteaRelease {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
}
interface GiteaAsset {
  id: number;
  name: string;
  size: number;
}

export function createGiteaClient(settings: GiteaSettings): ReleaseClient {
  const repoUrl = `${settings.apiUrl.replace(/\/+$/, "")}/repos/${encodeURIComponent(settings.owner)}/${encodeURIComponent(settings.name)}`;
  const auth = { authorization: `token ${settings.token}` };
  const call = async <T>(
    what: string,
    method: string,
    path: string,
    json?: unknown,
  ): Promise<T | undefined> => {
    try {
      return await requestJson<T>(settings.http, () => ({
        method,
        url: `${repoUrl}${path}`,
        headers: auth,
        json,
      }));
    } catch (error) {
      throw explain(error, what, settings);
    }
  };
  const toRelease = (r: GiteaRelease): ForgeRelease => ({
    id: String(r.id),
    tag: r.tag_name,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    url: r.html_url,
  });
  const toAsset = (a: GiteaAsset): ForgeAsset => ({
    id: String(a.id),
    name: a.name,
    size: a.size,
    sha256: undefined,
    complete: true,
  });
  const fields = (spec: ReleaseSpec) => ({
    tag_name: spec.tag,
    name: spec.name,
    body: spec.body,
    prerelease: spec.prerelease,
    target_commitish: spec.targetCommitish || settings.commit,
  });
  const listAssets = async (release: ForgeRelease) =>
    (
      (await call<GiteaAsset[]>("list the release's assets", "GET", `/releases/${release.id}/assets`)) ?? []
    ).map(toAsset);
  return {
    forge: "Gitea",
    drafts: true,
    async findRelease(tag) {
      // The lookup by tag skips drafts, so pages of the list are searched too.
      try {
        const found = await requestJson<GiteaRelease>(settings.http, () => ({
          method: "GET",
          url: `${repoUrl}/releases/tags/${encodeURIComponent(tag)}`,
          headers: auth,
        }));
        if (found) return toRelease(found);
      } catch (error) {
        if (!(error instanceof HttpFailure && error.status === 404))
          throw explain(error, "look up the release", settings);
      }
      for (let page = 1; ; page++) {
        const list =
          (await call<GiteaRelease[]>("list releases", "GET", `/releases?page=${page}&limit=50`)) ?? [];
        const found = list.find((r) => r.tag_name === tag);
        if (found) return toRelease(found);
        if (list.length < 50) return undefined;
      }
    },
    async createRelease(spec, draft) {
      const made = await call<GiteaRelease>("create the release", "POST", "/releases", {
        ...fields(spec),
        draft,
      });
      return toRelease(made as GiteaRelease);
    },
    async updateRelease(release, spec) {
      const made = await call<GiteaRelease>("update the release", "PATCH", `/releases/${release.id}`, {
        ...fields(spec),
        draft: release.draft,
      });
      return toRelease(made as GiteaRelease);
    },
    async deleteRelease(release) {
      await call("delete the draft", "DELETE", `/releases/${release.id}`);
    },
    listAssets,
    async uploadAsset(release, file) {
      const bytes = await readFile(file.path);
      let attempt = 0;
      try {
        const made = await requestJson<GiteaAsset>(settings.http, () => {
          attempt++;
          const form = new FormData();
          form.append("attachment", new Blob([bytes]), file.name);
          return {
            method: "POST",
            url: `${repoUrl}/releases/${release.id}/assets?name=${encodeURIComponent(file.name)}`,
            headers: auth,
            body: form,
          };
        });
        return toAsset(made as GiteaAsset);
      } catch (error) {
        // Retries may have stored the file more than once; keep one copy, drop the rest.
        if (attempt > 1) {
          const copies = (await listAssets(release)).filter(
            (a) => a.name === file.name && a.size === file.size,
          );
          for (const extra of copies.slice(1)) await this.deleteAsset(release, extra);
          if (copies[0]) return copies[0];
        }
        throw explain(error, `upload ${file.name}`, settings);
      }
    },
    async deleteAsset(release, asset) {
      await call(`delete the asset ${asset.name}`, "DELETE", `/releases/${release.id}/assets/${asset.id}`);
    },
    async publishRelease(release) {
      const made = await call<GiteaRelease>("publish the release", "PATCH", `/releases/${release.id}`, {
        draft: false,
      });
      return toRelease(made as GiteaRelease);
    },
  };
}

function explain(error: unknown, what: string, settings: GiteaSettings): Error {
  if (!(error instanceof HttpFailure)) return error as Error;
  const repo = `${settings.owner}/${settings.name}`;
  if (error.status === 401 || error.status === 403)
    return new RejectedTokenError("Gitea", "GITEA_TOKEN", error.status, `${settings.apiUrl} (${repo})`);
  return new ForgeRequestError("Gitea", what, error.status, error.message, { repository: repo });
}
