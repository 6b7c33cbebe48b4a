import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readPublishedRelease } from "./published.js";

const metadata = {
  project: "app",
  module: "example.com/app",
  version: "v1.2.3",
  commit: "0123456789abcdef0123456789abcdef01234567",
  goVersion: "go1.26.8",
  targets: ["linux/amd64"],
  timestamp: 1709294400,
};
const sha = (c: string) => c.repeat(64);
let dir: string;

function write(name: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("readPublishedRelease", () => {
  it("takes checksums.txt and metadata.json alone: digests for the archives, files for the rest", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "goship-published-"));
    write("metadata.json", JSON.stringify(metadata));
    write("checksums.txt", `${sha("a")}  app-v1.2.3-linux-amd64.tar.gz\n`);
    const release = await readPublishedRelease(path.join(dir, "checksums.txt"));
    expect(release.listIsComplete).toBe(false);
    expect(release.metadata.commit).toBe(metadata.commit);
    expect(release.artifacts.map((a) => [a.path, a.file !== undefined])).toEqual([
      ["app-v1.2.3-linux-amd64.tar.gz", false],
      ["checksums.txt", true],
      ["metadata.json", true],
    ]);
    expect(release.artifacts[0]?.sha256).toBe(sha("a"));
  });

  it("checks the bytes in hand and reports a listing that disagrees with them", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "goship-published-"));
    write("metadata.json", JSON.stringify(metadata));
    write("bin/app", "binary");
    write(
      "artifacts.json",
      JSON.stringify([
        { path: "bin/app", sha256: sha("b") },
        { path: "reproducibility.json", sha256: sha("c") },
      ]),
    );
    const release = await readPublishedRelease(dir);
    expect(release.listIsComplete).toBe(true);
    expect(release.artifacts.map((a) => a.path)).toEqual(["bin/app", "metadata.json"]);
    expect(release.artifacts[0]?.sha256).not.toBe(sha("b"));
    expect(release.mismatches).toEqual([{ path: "bin/app", listedIn: "artifacts.json" }]);
  });

  it("needs metadata.json", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "goship-published-"));
    write("checksums.txt", "");
    await expect(readPublishedRelease(dir)).rejects.toThrow(/metadata.json was not found/);
  });
});
