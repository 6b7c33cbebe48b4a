import { describe, expect, it } from "vitest";
import { RegistryError } from "../errors.js";
import { RegistryClient } from "./client.js";

/** A fetch that answers from a script, recording what was asked. */
function scripted(answers: Array<Response | Error>) {
  const calls: string[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push(`${init?.method ?? "GET"} ${String(url)}`);
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { calls, fetchFn };
}

describe("RegistryClient retries", () => {
  it("retries 5xx, 429 and dropped connections, then succeeds", async () => {
    const { calls, fetchFn } = scripted([
      new Response(null, { status: 503 }),
      new TypeError("fetch failed"),
      new Response(null, { status: 429, headers: { "retry-after": "0" } }),
      new Response(null, { status: 200 }),
    ]);
    const client = new RegistryClient("127.0.0.1:5000", { fetch: fetchFn, retryDelayMs: 1 });
    expect(await client.blobExists("a/b", `sha256:${"0".repeat(64)}`)).toBe(true);
    expect(calls).toHaveLength(4);
    expect(calls[0]).toMatch(/^HEAD http:\/\/127\.0\.0\.1:5000\/v2\/a\/b\/blobs\/sha256:0+$/);
  });

  it("gives up after a bounded number of attempts with one clear error", async () => {
    const { calls, fetchFn } = scripted(
      Array.from({ length: 10 }, () => new Response(null, { status: 502 })),
    );
    const client = new RegistryClient("registry.example", { fetch: fetchFn, retryDelayMs: 1, attempts: 3 });
    const attempt = client.blobExists("a/b", `sha256:${"0".repeat(64)}`);
    await expect(attempt).rejects.toBeInstanceOf(RegistryError);
    await expect(attempt).rejects.toThrow(
      /registry\.example kept failing \(HTTP 502\) after 3 attempts; .*re-run uploads only what is missing/,
    );
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(/^HEAD https:\/\/registry\.example\//);
  });

  it("says what the registry said when it refuses a manifest", async () => {
    const body = JSON.stringify({
      errors: [{ code: "MANIFEST_BLOB_UNKNOWN", message: "blob unknown to registry" }],
    });
    const { fetchFn } = scripted([new Response(body, { status: 400 })]);
    const client = new RegistryClient("127.0.0.1:5000", { fetch: fetchFn });
    await expect(
      client.putManifest("a/b", "v1", new Uint8Array(2), "application/vnd.oci.image.manifest.v1+json"),
    ).rejects.toThrow(
      "127.0.0.1:5000 answered HTTP 400 when pushing manifest v1 to a/b (MANIFEST_BLOB_UNKNOWN: blob unknown to registry)",
    );
  });
});
