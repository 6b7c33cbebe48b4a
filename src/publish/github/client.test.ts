import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../test/helpers/github-server.js";
import type { Logger, LogRecord } from "../../log/logger.js";
import { ConflictingAssetError, RejectedTokenError } from "../errors.js";
import { type SyncOptions, syncRelease, type UploadFile } from "../release-sync.js";
import { Secrets } from "../secrets.js";
import { createGitHubClient } from "./client.js";

let server: FakeGitHub;
let dir: string;
let files: UploadFile[];
const records: LogRecord[] = [];
const log: Logger = {
  info: (message, fields = {}) => records.push({ level: "info", message, fields }),
  warn: (message, fields = {}) => records.push({ level: "warn", message, fields }),
  error: (message, fields = {}) => records.push({ level: "error", message, fields }),
  child: () => log,
};

beforeAll(async () => {
  server = await startFakeGitHub();
  dir = mkdtempSync(path.join(os.tmpdir(), "goship-publish-"));
  files = ["tool-v1.0.0-linux-amd64.tar.gz", "tool-v1.0.0-windows-amd64.zip", "checksums.txt"].map(
    (name, i) => {
      const bytes = Buffer.from(`${name} `.repeat(1000 * (i + 1)));
      writeFileSync(path.join(dir, name), bytes);
      return {
        name,
        path: path.join(dir, name),
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
    },
  );
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  const violations = [...server.violations];
  server.reset();
  records.length = 0;
  expect(violations).toEqual([]);
});

function client(token = server.token, retries = 3) {
  return createGitHubClient({
    owner: server.owner,
    name: server.repo,
    apiUrl: server.apiUrl,
    uploadUrl: server.uploadUrl,
    token,
    makeLatest: "true",
    discussionCategory: "",
    writeSpacingMs: 0,
    http: { retries, retryBaseMs: 5, timeoutMs: 1500 },
    log,
  });
}

function options(over: Partial<SyncOptions> = {}): SyncOptions {
  return {
    spec: {
      tag: "v1.0.0",
      name: "v1.0.0",
      body: "## Changelog\n* abc feat: x\n",
      prerelease: false,
      targetCommitish: "",
    },
    files,
    draft: false,
    replaceExistingDraft: false,
    mode: "keep-existing",
    skipUpload: false,
    replaceExistingArtifacts: false,
    parallelism: 2,
    log,
    ...over,
  };
}

const assetsOf = (tag: string) =>
  Object.fromEntries((server.release(tag)?.assets ?? []).map((a) => [a.name, a.bytes.toString()]));
const expected = () =>
  Object.fromEntries(files.map((f) => [f.name, `${f.name} `.repeat(1000 * (files.indexOf(f) + 1))]));

// The machine may be busy: local requests can take a while, never minutes.
describe("GitHub releases", { timeout: 60_000 }, () => {
  it("creates a draft, uploads every file, publishes; a second run changes nothing", async () => {
    const result = await syncRelease(client(), options());
    expect(result).toMatchObject({
      created: true,
      published: true,
      uploaded: files.map((f) => f.name).sort(),
    });
    const release = server.release("v1.0.0");
    expect(release).toMatchObject({
      draft: false,
      body: "## Changelog\n* abc feat: x\n",
      make_latest: "true",
    });
    expect(assetsOf("v1.0.0")).toEqual(expected());
    expect(server.requests.find((r) => r.route.endsWith("/releases") && r.method === "POST")?.body).toContain(
      '"draft":true',
    );
    server.requests.length = 0;
    const again = await syncRelease(client(), options());
    expect(again).toMatchObject({ created: false, updated: false, uploaded: [], published: false });
    expect(again.unchanged).toHaveLength(3);
    expect(server.mutations()).toEqual([]);
    expect(server.releases).toHaveLength(1);
  });

  it("retries 500s, a secondary rate limit and a silent server, then succeeds", async () => {
    server.inject({ method: "POST", route: /\/assets$/, status: 502, times: 2 });
    server.inject({
      method: "POST",
      route: /\/releases$/,
      status: 403,
      message: "You have exceeded a secondary rate limit",
      headers: { "retry-after": "1" },
    });
    server.inject({ method: "GET", route: /\/assets$/, action: "hang" });
    await syncRelease(client(), options());
    expect(assetsOf("v1.0.0")).toEqual(expected());
    expect(records.some((r) => r.level === "warn" && /secondary rate limit/.test(r.message))).toBe(true);
  });

  it("resumes after a dropped connection: only what is missing is uploaded", async () => {
    server.inject({ method: "POST", route: /\/assets$/, action: "drop", times: 2, after: 1 });
    await expect(syncRelease(client(server.token, 1), options({ parallelism: 1 }))).rejects.toThrow(
      /GitHub refused to upload .*connection failed.*re-run resumes/,
    );
    const partial = server.release("v1.0.0");
    expect(partial?.draft).toBe(true);
    expect(partial?.assets.map((a) => a.name)).toEqual(["tool-v1.0.0-linux-amd64.tar.gz"]);
    server.requests.length = 0;
    const result = await syncRelease(client(), options());
    expect(result.created).toBe(false);
    expect(result.unchanged).toEqual(["tool-v1.0.0-linux-amd64.tar.gz"]);
    expect(result.uploaded).toHaveLength(2);
    expect(server.releases).toHaveLength(1);
    expect(assetsOf("v1.0.0")).toEqual(expected());
    expect(server.release("v1.0.0")?.draft).toBe(false);
  });

  it("accepts an upload whose answer was lost (422 on retry) after checking its bytes", async () => {
    server.inject({ method: "POST", route: /\/assets$/, action: "drop-after" });
    const result = await syncRelease(client(), options({ parallelism: 1 }));
    expect(result.uploaded).toHaveLength(3);
    expect(assetsOf("v1.0.0")).toEqual(expected());
  });

  it("refuses an asset with different bytes before uploading anything, unless replace_existing_artifacts", async () => {
    server.seed({ tag_name: "v1.0.0", body: "old notes" }, { "checksums.txt": Buffer.from("other bytes") });
    const error = await syncRelease(client(), options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictingAssetError);
    expect((error as Error).message).toMatch(/checksums.txt.*replace_existing_artifacts/);
    expect(server.requests.filter((r) => r.route.endsWith("/assets") && r.method === "POST")).toEqual([]);
    const result = await syncRelease(client(), options({ replaceExistingArtifacts: true, mode: "append" }));
    expect(result.replaced).toEqual(["checksums.txt"]);
    expect(assetsOf("v1.0.0")).toEqual(expected());
    expect(server.release("v1.0.0")?.body).toBe("old notes\n\n## Changelog\n* abc feat: x\n");
  });

  it("keeps a draft a draft and finds it again by its tag", async () => {
    await syncRelease(client(), options({ draft: true }));
    await syncRelease(client(), options({ draft: true }));
    expect(server.releases).toHaveLength(1);
    expect(server.release("v1.0.0")?.draft).toBe(true);
    await syncRelease(client(), options({ draft: true, replaceExistingDraft: true }));
    expect(server.releases).toHaveLength(1);
    await syncRelease(client(), options());
    expect(server.release("v1.0.0")?.draft).toBe(false);
  });

  it("reports a rejected token once, before any upload, without the token", async () => {
    const secret = "ghp_wrong_token_value_123";
    const secrets = new Secrets();
    secrets.add(secret);
    const error = await syncRelease(client(secret), options()).catch((e: unknown) => secrets.error(e));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/GitHub rejected the token \(HTTP 401\).*GITHUB_TOKEN/);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as Error).message).not.toContain(secret);
    expect(server.mutations()).toEqual([]);
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(RejectedTokenError.name).toBe("RejectedTokenError");
  });
});
