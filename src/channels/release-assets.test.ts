import { describe, expect, it } from "vitest";
import { publishedIntegrity } from "./npm/registry.js";
import { releasedAssets, wrapFolder } from "./release-assets.js";

describe("release assets", () => {
  it("reads the wrap folder, binaries and extra files from an archive's entries", () => {
    const target = { goos: "windows", goarch: "amd64" };
    const [asset] = releasedAssets(
      [
        {
          name: "tool_1.0_windows_amd64.zip",
          sha256: "a".repeat(64),
          target,
          format: "zip",
          files: [
            "tool_1.0_windows_amd64/LICENSE",
            "tool_1.0_windows_amd64/tool.exe",
            "tool_1.0_windows_amd64/man/tool.1",
          ],
        },
      ],
      [{ binary: "tool.exe", target }],
      () => "v1",
    );
    expect(asset).toMatchObject({
      wrappedIn: "tool_1.0_windows_amd64",
      binaries: ["tool.exe"],
      extraFiles: ["LICENSE", "man/tool.1"],
      level: "v1",
      type: "archive",
    });
    expect(wrapFolder(["tool", "README.md"])).toBe("");
  });
});

describe("npm registry reads", () => {
  it("retries server errors and dropped connections a bounded number of times, then says so", async () => {
    let calls = 0;
    const flaky: typeof fetch = async () => {
      calls++;
      if (calls === 1) throw new Error("socket hang up");
      if (calls === 2) return new Response("busy", { status: 503 });
      return Response.json({ versions: { "1.0.0": { dist: { integrity: "sha512-x" } } } });
    };
    const access = { registry: "http://r.example/", fetch: flaky, backoffMs: 1 };
    expect(await publishedIntegrity(access, "tool", "1.0.0")).toBe("sha512-x");
    expect(calls).toBe(3);
    const down: typeof fetch = async () => new Response("", { status: 502 });
    await expect(
      publishedIntegrity({ ...access, fetch: down, attempts: 2 }, "tool", "1.0.0"),
    ).rejects.toThrow(/could not be read after 2 attempts \(HTTP 502\)/);
    const missing: typeof fetch = async () => new Response("", { status: 404 });
    expect(await publishedIntegrity({ ...access, fetch: missing }, "tool", "1.0.0")).toBeUndefined();
  });
  it("never sends or prints the token except in the authorization header", async () => {
    let seen: unknown;
    const spy: typeof fetch = async (_url, init) => {
      seen = init?.headers;
      return new Response("", { status: 401 });
    };
    const error = await publishedIntegrity(
      { registry: "http://r.example/", token: "npm_secret", fetch: spy },
      "t",
      "1.0.0",
    ).catch((e: Error) => e);
    expect(JSON.stringify(seen)).toContain("Bearer npm_secret");
    expect(String((error as Error).message)).not.toContain("npm_secret");
  });
});
