// A GitHub releases API on 127.0.0.1 for tests: every request and every response is validated
// against GitHub's published OpenAPI description (test/fixtures/github-openapi.json, extracted
// from @octokit/openapi by scripts/extract-github-openapi.mjs). It behaves as GitHub does where
// goship depends on it (drafts invisible by tag, 422 already_exists, sha256 digests) and can
// inject 500s, rate limits, silence and dropped connections.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

const spec = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../fixtures/github-openapi.json"), "utf8"),
);
type Json = Record<string, unknown>;

export interface RecordedRequest {
  readonly method: string;
  readonly route: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface Fault {
  readonly method: string;
  /** Matched against the OpenAPI route, e.g. "/repos/{owner}/{repo}/releases/{release_id}/assets". */
  readonly route: RegExp;
  /** Answer with this status (and these headers / message) instead of handling the request. */
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly message?: string;
  /** "drop": close the connection mid-body; "drop-after": store the upload, then close without answering; "hang": never answer. */
  readonly action?: "drop" | "drop-after" | "hang";
  /** How many matching requests it affects. @default 1 */
  times?: number;
  /** How many matching requests pass untouched first. @default 0 */
  after?: number;
}

interface Asset {
  id: number;
  name: string;
  bytes: Buffer;
  state: "uploaded" | "open";
  contentType: string;
}
interface Release {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  make_latest?: string;
  discussion_category_name?: string;
  assets: Asset[];
}

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly params: string[];
  readonly op: Json;
  readonly validateBody?: ValidateFunction;
  readonly responses: Map<string, ValidateFunction>;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const withComponents = (schema: unknown) => ({ ...(schema as Json), components: spec.components });
const deref = (value: Json): Json => {
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  const [, , section, name] = ref.split("/");
  return spec.components[section as string][name as string];
};

const operations: Operation[] = Object.entries(spec.paths as Record<string, Record<string, Json>>).flatMap(
  ([template, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "([^/]+)")}$`);
      const jsonBody = (op.requestBody as Json | undefined)?.content as Json | undefined;
      const bodySchema = (jsonBody?.["application/json"] as Json | undefined)?.schema as Json | undefined;
      // GitHub ignores unknown body fields; goship's requests must not depend on that.
      const validateBody = bodySchema
        ? ajv.compile(withComponents({ ...bodySchema, additionalProperties: false }))
        : undefined;
      const responses = new Map<string, ValidateFunction>();
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const content = (deref(response as Json).content as Json | undefined)?.["application/json"] as
          | Json
          | undefined;
        if (content?.schema) responses.set(status, ajv.compile(withComponents(content.schema)));
      }
      return { method: method.toUpperCase(), template, pattern, params, op, validateBody, responses };
    }),
);

export class FakeGitHub {
  readonly token: string;
  readonly owner = "acme";
  readonly repo = "tool";
  readonly requests: RecordedRequest[] = [];
  /** Every way a request or response broke GitHub's description; tests expect none. */
  readonly violations: string[] = [];
  readonly releases: Release[] = [];
  readonly #faults: Fault[] = [];
  #server!: http.Server;
  #nextId = 1;
  url = "";

  constructor(token = "ghp_fake_0123456789abcdefABCDEF") {
    this.token = token;
  }

  get apiUrl(): string {
    return `${this.url}/api/v3/`;
  }
  get uploadUrl(): string {
    return `${this.url}/api/uploads/`;
  }

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((error) => {
        this.violations.push(`server error: ${(error as Error).stack}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** Forgets every release, request, violation and pending fault. */
  reset(): void {
    this.releases.length = 0;
    this.requests.length = 0;
    this.violations.length = 0;
    this.#faults.length = 0;
  }

  inject(fault: Fault): void {
    this.#faults.push({ times: 1, ...fault });
  }

  /** Requests that change something: a second run over a complete release makes none. */
  mutations(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  release(tag: string): Release | undefined {
    return this.releases.find((r) => r.tag_name === tag);
  }

  /** Seeds a release as if made earlier (by hand or by another tool). */
  seed(release: Partial<Release> & { tag_name: string }, assets: Record<string, Buffer> = {}): Release {
    const made: Release = {
      id: this.#nextId++,
      target_commitish: "main",
      name: release.tag_name,
      body: "",
      draft: false,
      prerelease: false,
      ...release,
      assets: Object.entries(assets).map(([name, bytes]) => ({
        id: this.#nextId++,
        name,
        bytes,
        state: "uploaded",
        contentType: "application/octet-stream",
      })),
    };
    this.releases.push(made);
    return made;
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const prefix = url.pathname.startsWith("/api/uploads/") ? "/api/uploads" : "/api/v3";
    const route = url.pathname.slice(prefix.length);
    const operation = operations.find((o) => o.method === req.method && o.pattern.test(route));
    const faultIndex = this.#faults.findIndex(
      (f) => f.method === req.method && operation !== undefined && f.route.test(operation.template),
    );
    let fault = faultIndex >= 0 ? this.#faults[faultIndex] : undefined;
    if (fault && (fault.after ?? 0) > 0) {
      fault.after = (fault.after ?? 0) - 1;
      fault = undefined;
    }
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.#faults.splice(faultIndex, 1);
    }
    if (fault?.action === "drop") {
      // Read part of the body, then cut the connection: the client sees a reset mid-upload.
      req.once("data", () => req.socket.destroy());
      req.once("end", () => req.socket.destroy());
      return;
    }
    const body = await readBody(req);
    const record = (status: number) =>
      this.requests.push({
        method: req.method ?? "",
        route: operation?.template ?? route,
        url: url.pathname + url.search,
        headers: req.headers,
        body: body.toString("latin1"),
        status,
      });
    if (fault?.action === "hang") {
      record(0);
      return;
    }
    if (!operation) {
      this.violations.push(`${req.method} ${url.pathname}: no such operation in GitHub's description`);
      record(404);
      return send(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    }
    if (prefix === "/api/uploads" && operation.op.operationId !== "repos/upload-release-asset")
      this.violations.push(`${req.method} ${route}: sent to the uploads host`);
    if (prefix === "/api/v3" && operation.op.operationId === "repos/upload-release-asset")
      this.violations.push("uploads must go to the uploads host");
    const auth = req.headers.authorization ?? "";
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      record(401);
      return send(res, 401, {
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/rest",
      });
    }
    if (fault?.status !== undefined) {
      record(fault.status);
      return send(res, fault.status, { message: fault.message ?? "Server Error" }, fault.headers);
    }
    const args = Object.fromEntries(
      operation.params.map((name, i) => [
        name,
        decodeURIComponent(operation.pattern.exec(route)?.[i + 1] ?? ""),
      ]),
    );
    this.#validateRequest(operation, req, url, body, args);
    const [status, payload] = this.#respond(operation.op.operationId as string, args, url, req, body);
    const check = operation.responses.get(String(status));
    if (payload !== undefined && check && !check(payload))
      this.violations.push(`${operation.op.operationId} ${status} response: ${ajv.errorsText(check.errors)}`);
    if (payload !== undefined && !check && status < 300)
      this.violations.push(`${operation.op.operationId}: status ${status} is not described`);
    record(status);
    if (fault?.action === "drop-after") {
      req.socket.destroy();
      return;
    }
    send(res, status, payload);
  }

  #validateRequest(
    operation: Operation,
    req: http.IncomingMessage,
    url: URL,
    body: Buffer,
    args: Record<string, string>,
  ): void {
    const where = `${operation.op.operationId}`;
    for (const raw of (operation.op.parameters as Json[] | undefined) ?? []) {
      const param = deref(raw);
      const name = param.name as string;
      const value =
        param.in === "path" ? args[name] : param.in === "query" ? url.searchParams.get(name) : undefined;
      if (param.in !== "path" && param.in !== "query") continue;
      if (value === null || value === undefined) {
        if (param.required) this.violations.push(`${where}: missing ${param.in} parameter ${name}`);
        continue;
      }
      const type = (param.schema as Json | undefined)?.type;
      if (type === "integer" && !/^\d+$/.test(value))
        this.violations.push(`${where}: ${name}=${value} is not an integer`);
    }
    for (const name of url.searchParams.keys()) {
      const known = ((operation.op.parameters as Json[] | undefined) ?? []).some(
        (p) => deref(p).name === name,
      );
      if (!known) this.violations.push(`${where}: unknown query parameter ${name}`);
    }
    if (req.headers.accept !== undefined && !req.headers.accept.includes("json"))
      this.violations.push(`${where}: Accept ${req.headers.accept}`);
    if (operation.op.operationId === "repos/upload-release-asset") {
      if (!req.headers["content-type"]) this.violations.push(`${where}: Content-Type is required`);
      if (Number(req.headers["content-length"]) !== body.length)
        this.violations.push(`${where}: Content-Length does not match the body`);
      return;
    }
    const requestBody = operation.op.requestBody as Json | undefined;
    if (!requestBody) {
      if (body.length > 0) this.violations.push(`${where}: a body where none is described`);
      return;
    }
    if (!String(req.headers["content-type"]).startsWith("application/json"))
      this.violations.push(`${where}: Content-Type ${req.headers["content-type"]}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      this.violations.push(`${where}: the body is not JSON`);
      return;
    }
    if (operation.validateBody && !operation.validateBody(parsed))
      this.violations.push(`${where} request: ${ajv.errorsText(operation.validateBody.errors)}`);
  }

  #respond(
    operationId: string,
    args: Record<string, string>,
    url: URL,
    req: http.IncomingMessage,
    body: Buffer,
  ): [number, unknown] {
    if (args.owner !== this.owner || args.repo !== this.repo) return [404, notFound];
    const json = () => JSON.parse(body.toString("utf8") || "{}") as Json;
    const byId = (id: string) => this.releases.find((r) => r.id === Number(id));
    switch (operationId) {
      case "repos/get-release-by-tag": {
        const found = this.releases.find((r) => r.tag_name === args.tag && !r.draft);
        return found ? [200, this.#releaseJson(found)] : [404, notFound];
      }
      case "repos/list-releases": {
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        const page = Number(url.searchParams.get("page") ?? 1);
        const all = [...this.releases].reverse();
        return [200, all.slice((page - 1) * perPage, page * perPage).map((r) => this.#releaseJson(r))];
      }
      case "repos/create-release": {
        const input = json();
        const tag = input.tag_name as string;
        if (this.releases.some((r) => r.tag_name === tag && !r.draft))
          return [422, validationFailed("Release", "already_exists", "tag_name")];
        const made = this.seed({
          tag_name: tag,
          name: (input.name as string | undefined) ?? tag,
          body: (input.body as string | undefined) ?? "",
          draft: input.draft === true,
          prerelease: input.prerelease === true,
          target_commitish: (input.target_commitish as string | undefined) ?? "main",
        });
        return [201, this.#releaseJson(made)];
      }
      case "repos/update-release": {
        const found = byId(args.release_id as string);
        if (!found) return [404, notFound];
        const input = json();
        for (const key of [
          "tag_name",
          "name",
          "body",
          "draft",
          "prerelease",
          "target_commitish",
          "make_latest",
          "discussion_category_name",
        ] as const) {
          if (input[key] !== undefined) (found as unknown as Json)[key] = input[key];
        }
        return [200, this.#releaseJson(found)];
      }
      case "repos/delete-release": {
        const index = this.releases.findIndex((r) => r.id === Number(args.release_id));
        if (index < 0) return [404, notFound];
        this.releases.splice(index, 1);
        return [204, undefined];
      }
      case "repos/list-release-assets": {
        const found = byId(args.release_id as string);
        return found ? [200, found.assets.map((a) => this.#assetJson(a))] : [404, notFound];
      }
      case "repos/upload-release-asset": {
        const found = byId(args.release_id as string);
        if (!found) return [404, notFound];
        const name = url.searchParams.get("name") ?? "";
        if (found.assets.some((a) => a.name === name))
          return [422, validationFailed("ReleaseAsset", "already_exists", "name")];
        const asset: Asset = {
          id: this.#nextId++,
          name,
          bytes: body,
          state: "uploaded",
          contentType: req.headers["content-type"] ?? "",
        };
        found.assets.push(asset);
        return [201, this.#assetJson(asset)];
      }
      case "repos/delete-release-asset": {
        for (const r of this.releases) {
          const index = r.assets.findIndex((a) => a.id === Number(args.asset_id));
          if (index >= 0) {
            r.assets.splice(index, 1);
            return [204, undefined];
          }
        }
        return [404, notFound];
      }
      default:
        return [404, notFound];
    }
  }

  #releaseJson(r: Release): Json {
    const api = `${this.url}/api/v3/repos/${this.owner}/${this.repo}`;
    const tagPath = r.draft ? `untagged-${r.id}` : `tag/${r.tag_name}`;
    return {
      url: `${api}/releases/${r.id}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/releases/${tagPath}`,
      assets_url: `${api}/releases/${r.id}/assets`,
      upload_url: `${this.url}/api/uploads/repos/${this.owner}/${this.repo}/releases/${r.id}/assets{?name,label}`,
      tarball_url: `${api}/tarball/${r.tag_name}`,
      zipball_url: `${api}/zipball/${r.tag_name}`,
      id: r.id,
      node_id: `RE_${r.id}`,
      tag_name: r.tag_name,
      target_commitish: r.target_commitish,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      created_at: "2024-03-01T12:00:00Z",
      published_at: r.draft ? null : "2024-03-01T12:00:00Z",
      author: user,
      assets: r.assets.map((a) => this.#assetJson(a)),
    };
  }

  #assetJson(a: Asset): Json {
    return {
      url: `${this.url}/api/v3/repos/${this.owner}/${this.repo}/releases/assets/${a.id}`,
      browser_download_url: `${this.url}/${this.owner}/${this.repo}/releases/download/${a.name}`,
      id: a.id,
      node_id: `RA_${a.id}`,
      name: a.name,
      label: null,
      state: a.state,
      content_type: a.contentType,
      size: a.bytes.length,
      digest: `sha256:${createHash("sha256").update(a.bytes).digest("hex")}`,
      download_count: 0,
      created_at: "2024-03-01T12:00:00Z",
      updated_at: "2024-03-01T12:00:00Z",
      uploader: user,
    };
  }
}

const notFound = { message: "Not Found", documentation_url: "https://docs.github.com/rest" };
const validationFailed = (resource: string, code: string, field: string) => ({
  message: "Validation Failed",
  errors: [{ resource, code, field }],
  documentation_url: "https://docs.github.com/rest",
});
const user = {
  login: "goship-bot",
  id: 1,
  node_id: "U_1",
  avatar_url: "https://example.com/a.png",
  gravatar_id: "",
  url: "https://example.com/u",
  html_url: "https://example.com/u",
  followers_url: "https://example.com/u",
  following_url: "https://example.com/u",
  gists_url: "https://example.com/u",
  starred_url: "https://example.com/u",
  subscriptions_url: "https://example.com/u",
  organizations_url: "https://example.com/u",
  repos_url: "https://example.com/u",
  events_url: "https://example.com/u",
  received_events_url: "https://example.com/u",
  type: "User",
  site_admin: false,
};

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  if (payload === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(text);
}

export async function startFakeGitHub(token?: string): Promise<FakeGitHub> {
  return new FakeGitHub(token).start();
}
