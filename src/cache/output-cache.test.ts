import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parseLocalReplaces } from "../gobuild/source-digest.js";
import { OutputCache, type OutputKeyInput, outputCacheKey, outputEnv, userCacheDir } from "./output-cache.js";

const base: OutputKeyInput = {
  goVersion: "go1.26.8",
  goExperiment: "",
  args: ["build", "-trimpath", "-o", "<output>", "./cmd/api"],
  env: { GOOS: "linux", GOARCH: "amd64", CGO_ENABLED: "0" },
  sourceDigest: "abc",
  vcs: { commit: "c1", time: 1, modified: false },
};

describe("outputCacheKey", () => {
  it("is stable for equal inputs, whatever the order of env entries", () => {
    const reordered = { ...base, env: { CGO_ENABLED: "0", GOARCH: "amd64", GOOS: "linux" } };
    expect(outputCacheKey(reordered)).toBe(outputCacheKey(base));
  });

  it("changes with every input that can change the binary", () => {
    const variants: OutputKeyInput[] = [
      { ...base, goVersion: "go1.26.9" },
      { ...base, goExperiment: "arenas" },
      { ...base, args: [...base.args.slice(0, -1), "./cmd/other"] },
      { ...base, env: { ...base.env, GOAMD64: "v3" } },
      { ...base, sourceDigest: "abd" },
      { ...base, vcs: { ...base.vcs, commit: "c2" } },
      { ...base, vcs: { ...base.vcs, modified: true } },
    ];
    const keys = new Set([base, ...variants].map(outputCacheKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it("keeps only variables that can change output", () => {
    expect(
      outputEnv({
        PATH: "/bin",
        HOME: "/h",
        GOCACHE: "/c",
        GOMAXPROCS: "2",
        GOSHIP_DEBUG: "1",
        GOSHIP_CACHE_DIR: "/x",
        GOOS: "linux",
        CGO_ENABLED: "0",
        GOFLAGS: "-mod=readonly",
      }),
    ).toEqual({
      CGO_ENABLED: "0",
      GOFLAGS: "-mod=readonly",
      GOOS: "linux",
    });
  });
});

describe("OutputCache", () => {
  it("returns what was stored and treats a corrupted entry as a miss", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "goship-cache-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const cache = new OutputCache(dir);
    const data = Buffer.from("binary");
    const sha = "a3d7c4a5d2d1e5e44ef2a4f1f64f0ab70a8d2b4dd6c7c7b28c4d2d8b3c8c1d7e";
    expect(await cache.get("k1")).toBeUndefined();
    const { createHash } = await import("node:crypto");
    const real = createHash("sha256").update(data).digest("hex");
    await cache.put("k1", data, real);
    expect((await cache.get("k1"))?.equals(data)).toBe(true);
    writeFileSync(path.join(dir, "outputs", "k1".slice(0, 2), "k1"), "tampered");
    expect(await cache.get("k1")).toBeUndefined();
    await cache.put("k2", data, sha);
    expect(await cache.get("k2")).toBeUndefined();
  });

  it("lives in the platform's user cache directory unless GOSHIP_CACHE_DIR says otherwise", () => {
    expect(userCacheDir({ GOSHIP_CACHE_DIR: "/x" })).toBe("/x");
    expect(userCacheDir({ HOME: "/h" }, "linux")).toBe("/h/.cache/goship");
    expect(userCacheDir({ HOME: "/h", XDG_CACHE_HOME: "/xdg" }, "linux")).toBe("/xdg/goship");
    expect(userCacheDir({ HOME: "/h" }, "darwin")).toBe("/h/Library/Caches/goship");
  });
});

describe("parseLocalReplaces", () => {
  it("finds local replacement directories only", () => {
    const goMod = `module x\nreplace example.com/a => ../a\nreplace (\n\texample.com/b v1.0.0 => ./vendor-b\n\texample.com/c => example.com/d v1.2.0\n)\n`;
    expect(parseLocalReplaces(goMod)).toEqual(["../a", "./vendor-b"]);
  });
});
