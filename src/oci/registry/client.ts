// A small Distribution API (OCI distribution-spec) client over fetch: blob exists/mount/upload,
// manifests, Basic and bearer auth, bounded retries. No Node library for this is both maintained and
// free of a large HTTP stack (the one registry client on npm is unmaintained), and the API is small.
import { CancelledError } from "../../errors.js";
import { RegistryAuthError, RegistryError } from "../errors.js";
import { apiHost, isLoopback } from "../reference.js";
import {
  basicHeader,
  type Challenge,
  type Credential,
  parseChallenge,
  tokenOf,
  tokenRequest,
} from "./auth.js";

export interface RegistryClientOptions {
  /** Credentials for the registry, or undefined for anonymous access. */
  readonly credential?: Credential;
  /** Attempts per request on 5xx, 429 and dropped connections. @default 5 */
  readonly attempts?: number;
  /** First back-off delay, doubled per attempt. @default 500 */
  readonly retryDelayMs?: number;
  /** Blobs larger than this go up in PATCH chunks of this size. @default 16 MiB */
  readonly chunkSize?: number;
  /** Plain HTTP (default only for loopback registries). */
  readonly plainHttp?: boolean;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly scopes: readonly string[];
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
}

export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const pullScope = (repo: string) => `repository:${repo}:pull`;
const pushScope = (repo: string) => `repository:${repo}:pull,push`;

export class RegistryClient {
  readonly base: string;
  private readonly authorizations = new Map<string, string>();
  private readonly fetchFn: typeof fetch;

  readonly registry: string;
  private readonly options: RegistryClientOptions;

  constructor(registry: string, options: RegistryClientOptions = {}) {
    this.registry = registry;
    this.options = options;
    const scheme = (options.plainHttp ?? isLoopback(registry)) ? "http" : "https";
    this.base = `${scheme}://${apiHost(registry)}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  async blobExists(repo: string, digest: string): Promise<boolean> {
    const res = await this.call({
      method: "HEAD",
      path: `/v2/${repo}/blobs/${digest}`,
      scopes: [pullScope(repo)],
    });
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw await this.unexpected(res, `checking blob ${digest} in ${repo}`);
  }

  /** Asks the registry to link a blob from another repository; false when it would rather have an upload. */
  async mountBlob(repo: string, digest: string, from: string): Promise<boolean> {
    const query = new URLSearchParams({ mount: digest, from });
    const res = await this.call({
      method: "POST",
      path: `/v2/${repo}/blobs/uploads/?${query}`,
      scopes: [pushScope(repo), pullScope(from)],
    });
    if (res.status === 201) return true;
    if (res.status === 202) {
      // An upload session was opened instead; close it so the registry does not keep it around.
      const location = res.headers.get("location");
      if (location)
        await this.call({ method: "DELETE", path: this.resolve(location), scopes: [pushScope(repo)] });
      return false;
    }
    throw await this.unexpected(res, `mounting blob ${digest} into ${repo}`);
  }

  /** Uploads a blob: one PUT when small, PATCH chunks with Content-Range when larger than chunkSize. */
  async uploadBlob(repo: string, digest: string, bytes: Uint8Array): Promise<void> {
    const scopes = [pushScope(repo)];
    const start = await this.call({ method: "POST", path: `/v2/${repo}/blobs/uploads/`, scopes });
    if (start.status !== 202)
      throw await this.unexpected(start, `starting the upload of ${digest} to ${repo}`);
    let location = this.location(start, digest);
    const chunkSize = this.options.chunkSize ?? 16 * 1024 * 1024;
    let body: Uint8Array | undefined = bytes;
    if (bytes.byteLength > chunkSize) {
      for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
        const chunk = bytes.subarray(offset, Math.min(offset + chunkSize, bytes.byteLength));
        const res = await this.call({
          method: "PATCH",
          path: location,
          scopes,
          body: chunk,
          headers: {
            "content-type": "application/octet-stream",
            "content-range": `${offset}-${offset + chunk.byteLength - 1}`,
          },
        });
        if (res.status !== 202) throw await this.unexpected(res, `uploading a chunk of ${digest} to ${repo}`);
        location = this.location(res, digest);
      }
      body = undefined;
    }
    const url = new URL(location, this.base);
    url.searchParams.set("digest", digest);
    const done = await this.call({
      method: "PUT",
      path: url.toString(),
      scopes,
      body: body ?? new Uint8Array(0),
      headers: { "content-type": "application/octet-stream" },
    });
    if (done.status !== 201)
      throw await this.unexpected(done, `finishing the upload of ${digest} to ${repo}`);
  }

  /** PUTs a manifest or index and returns the digest the registry computed. */
  async putManifest(repo: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const res = await this.call({
      method: "PUT",
      path: `/v2/${repo}/manifests/${reference}`,
      scopes: [pushScope(repo)],
      body: bytes,
      headers: { "content-type": mediaType },
    });
    if (res.status !== 201) throw await this.unexpected(res, `pushing manifest ${reference} to ${repo}`);
    return res.headers.get("docker-content-digest") ?? "";
  }

  async manifestDigest(repo: string, reference: string): Promise<string | undefined> {
    const res = await this.call({
      method: "HEAD",
      path: `/v2/${repo}/manifests/${reference}`,
      scopes: [pullScope(repo)],
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw await this.unexpected(res, `checking manifest ${reference} in ${repo}`);
    return res.headers.get("docker-content-digest") ?? undefined;
  }

  async getManifest(repo: string, reference: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const res = await this.call({
      method: "GET",
      path: `/v2/${repo}/manifests/${reference}`,
      scopes: [pullScope(repo)],
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status !== 200) throw await this.unexpected(res, `reading manifest ${reference} of ${repo}`);
    return {
      bytes: new Uint8Array(await res.arrayBuffer()),
      mediaType: res.headers.get("content-type") ?? "",
    };
  }

  async getBlob(repo: string, digest: string): Promise<Uint8Array> {
    const res = await this.call({
      method: "GET",
      path: `/v2/${repo}/blobs/${digest}`,
      scopes: [pullScope(repo)],
    });
    if (res.status !== 200) throw await this.unexpected(res, `reading blob ${digest} of ${repo}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  private resolve(location: string): string {
    return new URL(location, this.base).toString();
  }

  private location(res: Response, digest: string): string {
    const location = res.headers.get("location");
    if (!location)
      throw new RegistryError(`the registry gave no upload location for ${digest}`, this.details());
    return this.resolve(location);
  }

  /** One request with auth negotiated on a 401 and bounded retries on server and network failures. */
  private async call(call: Call): Promise<Response> {
    const attempts = this.options.attempts ?? 5;
    let authenticated = false;
    let lastProblem = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.options.signal?.aborted) throw new CancelledError();
      let res: Response;
      try {
        res = await this.send(call);
      } catch (error) {
        if (this.options.signal?.aborted) throw new CancelledError();
        lastProblem = `the connection failed (${(error as Error).cause ?? (error as Error).message})`;
        await this.pause(attempt, attempts);
        continue;
      }
      if (res.status === 401 && !authenticated) {
        await res.arrayBuffer().catch(() => {});
        authenticated = true;
        await this.authenticate(parseChallenge(res.headers.get("www-authenticate")), call.scopes);
        attempt--;
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.arrayBuffer().catch(() => {});
        throw this.authFailure(res.status);
      }
      if (res.status >= 500 || res.status === 429) {
        await res.arrayBuffer().catch(() => {});
        lastProblem = `HTTP ${res.status}`;
        await this.pause(attempt, attempts, res.headers.get("retry-after"));
        continue;
      }
      return res;
    }
    throw new RegistryError(
      `${this.registry} kept failing (${lastProblem}) after ${attempts} attempts; try again later: a re-run uploads only what is missing`,
      this.details(),
    );
  }

  private send(call: Call): Promise<Response> {
    const url = call.path.startsWith("http") ? call.path : `${this.base}${call.path}`;
    const headers: Record<string, string> = { ...(call.headers ?? {}) };
    const authorization = this.authorizations.get(call.scopes.join(" ")) ?? this.authorizations.get("*");
    if (authorization) headers.authorization = authorization;
    if (call.body) headers["content-length"] = String(call.body.byteLength);
    return this.fetchFn(url, {
      method: call.method,
      headers,
      body: call.body,
      redirect: "follow",
      signal: this.options.signal,
    });
  }

  private async authenticate(challenge: Challenge | undefined, scopes: readonly string[]): Promise<void> {
    const credential = this.options.credential;
    if (challenge?.scheme === "basic") {
      if (!credential || !("username" in credential)) throw this.authFailure(401);
      this.authorizations.set("*", basicHeader(credential));
      return;
    }
    if (challenge?.scheme !== "bearer") throw this.authFailure(401);
    const { url, init } = tokenRequest(challenge, scopes, credential);
    let res: Response | undefined;
    for (let attempt = 1; attempt <= (this.options.attempts ?? 5); attempt++) {
      try {
        res = await this.fetchFn(url, { ...init, signal: this.options.signal });
      } catch {
        res = undefined;
      }
      if (res && res.status < 500 && res.status !== 429) break;
      await this.pause(attempt, this.options.attempts ?? 5);
    }
    const granted = res?.status === 200 ? res : undefined;
    if (!granted) throw this.authFailure(res?.status ?? 401);
    const token = tokenOf(await granted.json().catch(() => undefined));
    if (!token) throw this.authFailure(401);
    this.authorizations.set(scopes.join(" "), `Bearer ${token}`);
  }

  private authFailure(status: number): RegistryAuthError {
    const what = this.options.credential
      ? "refused the credentials"
      : "needs credentials and none were found";
    return new RegistryAuthError(
      `${this.registry} ${what} (HTTP ${status}); log in with \`docker login ${this.registry}\` or fix the entry in the Docker config.json`,
      this.details(),
    );
  }

  /** The registry's own error codes (`MANIFEST_BLOB_UNKNOWN`…) say more than the status. */
  private async unexpected(res: Response, doing: string): Promise<RegistryError> {
    const text = await res.text().catch(() => "");
    let codes = "";
    try {
      const errors =
        (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors ?? [];
      codes = errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ");
    } catch {
      codes = "";
    }
    const suffix = codes ? ` (${codes})` : "";
    return new RegistryError(
      `${this.registry} answered HTTP ${res.status} when ${doing}${suffix}`,
      this.details(),
    );
  }

  private details() {
    return { details: { registry: this.registry } };
  }

  private async pause(attempt: number, attempts: number, retryAfter?: string | null): Promise<void> {
    if (attempt >= attempts) return;
    const asked = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const delay = Math.min(Math.max(asked, (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1)), 30_000);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
