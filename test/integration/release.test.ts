// `goship release` on a real fixture module with the real Go toolchain, checked with real tools.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tool } from "../helpers/cli.js";
import { commitTime, copyFixture, git, tempDir } from "../helpers/fixture.js";

const defaultTargets = [
  "linux-amd64",
  "linux-arm64",
  "darwin-amd64",
  "darwin-arm64",
  "windows-amd64",
  "windows-arm64",
];
const utc = { ...process.env, TZ: "UTC", LC_ALL: "C" };

describe("goship release on a tagged module", () => {
  let parent: string;
  let moduleDir: string;
  let dist: string;
  let sha: string;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-release-"));
    moduleDir = copyFixture("api", { parent });
    sha = git(moduleDir, "rev-parse", "HEAD");
    dist = path.join(moduleDir, "dist");
    const result = await runCli(["release", "--dir", moduleDir]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("makes an archive and its .sha256 for every default target, all verified by sha256sum -c", () => {
    for (const target of defaultTargets) {
      const archive = `api-v1.2.3-${target}.${target.startsWith("windows") ? "zip" : "tar.gz"}`;
      expect(statSync(path.join(dist, archive)).size).toBeGreaterThan(0);
      expect(tool("sha256sum", ["-c", `${archive}.sha256`], dist)).toContain(`${archive}: OK`);
      expect(
        statSync(path.join(dist, "bin", `api-v1.2.3-${target}${target.startsWith("windows") ? ".exe" : ""}`))
          .size,
      ).toBeGreaterThan(0);
    }
    const all = tool("sha256sum", ["-c", "checksums.txt"], dist);
    expect(all.trim().split("\n")).toHaveLength(defaultTargets.length);
    const lines = readFileSync(path.join(dist, "checksums.txt"), "utf8").trim().split("\n");
    expect(lines.map((l) => l.split("  ")[1])).toEqual([...lines.map((l) => l.split("  ")[1])].sort());
  });

  it("ships a static, stripped, stamped linux/amd64 binary without build ID or local paths", () => {
    const out = tempDir();
    tool("tar", ["-xzf", path.join(dist, "api-v1.2.3-linux-amd64.tar.gz"), "-C", out]);
    const binary = path.join(out, "api-v1.2.3-linux-amd64", "api");
    expect(tool(binary, ["--version"]).trim()).toBe(
      `api version=v1.2.3 commit=${sha} date=2024-03-01T12:00:00Z`,
    );
    const file = tool("file", [binary]);
    expect(file).toContain("statically linked");
    expect(file).toContain(", stripped");
    expect(file).not.toContain("BuildID");
    const info = tool("go", ["version", "-m", binary]);
    expect(info).toContain("\tbuild\t-trimpath=true\n");
    expect(info).toContain("\tbuild\tCGO_ENABLED=0\n");
    expect(info).toContain(`\tbuild\tvcs.revision=${sha}\n`);
    expect(info).toContain("\tbuild\tvcs.modified=false\n");
  });

  it("leaves no absolute path of the build directory in any binary", () => {
    const needles = [moduleDir, parent, os.homedir()].map((p) => Buffer.from(p));
    for (const name of readdirSync(path.join(dist, "bin"))) {
      const bytes = readFileSync(path.join(dist, "bin", name));
      for (const needle of needles) expect(bytes.includes(needle), `${name} contains ${needle}`).toBe(false);
    }
  });

  it("archives every entry as 0/0 at the commit time, binary 0755 and docs 0644", () => {
    const listing = tool(
      "tar",
      ["-tvzf", path.join(dist, "api-v1.2.3-linux-amd64.tar.gz"), "--numeric-owner"],
      dist,
      utc,
    );
    const lines = listing.trim().split("\n");
    expect(lines.map((l) => l.split(/\s+/).at(-1))).toEqual([
      "api-v1.2.3-linux-amd64/",
      "api-v1.2.3-linux-amd64/LICENSE",
      "api-v1.2.3-linux-amd64/README.md",
      "api-v1.2.3-linux-amd64/api",
    ]);
    for (const line of lines) {
      expect(line).toMatch(/ 0\/0 /);
      expect(line).toContain("2024-03-01 12:00");
    }
    expect(lines[3]).toMatch(/^-rwxr-xr-x/);
    expect(lines[1]).toMatch(/^-rw-r--r--/);
  });

  it("puts api.exe in the windows zip", () => {
    const listing = tool("unzip", ["-Z", "-l", path.join(dist, "api-v1.2.3-windows-amd64.zip")]);
    expect(listing).toContain("api-v1.2.3-windows-amd64/api.exe");
    expect(listing).toMatch(/-rwxr-xr-x.*api\.exe/);
    const out = tempDir();
    tool("unzip", ["-q", path.join(dist, "api-v1.2.3-windows-amd64.zip"), "-d", out]);
    expect(statSync(path.join(out, "api-v1.2.3-windows-amd64/api.exe")).size).toBeGreaterThan(0);
  });

  it("records every artifact and the release facts", () => {
    const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<
      Record<string, unknown>
    >;
    expect(artifacts.filter((a) => a.kind === "archive")).toHaveLength(6);
    expect(artifacts.filter((a) => a.kind === "binary")).toHaveLength(6);
    for (const a of artifacts)
      expect(a).toMatchObject({
        path: expect.any(String),
        size: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    const metadata = JSON.parse(readFileSync(path.join(dist, "metadata.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      project: "api",
      version: "v1.2.3",
      commit: sha,
      date: "2024-03-01T12:00:00Z",
      timestamp: commitTime,
    });
    expect(metadata.goVersion).toBe(tool("go", ["env", "GOVERSION"], moduleDir).trim());
    expect(readdirSync(dist).filter((n) => n.startsWith(".goship-tmp"))).toEqual([]);
  });
});

describe("goship release is reproducible", () => {
  it("gives byte-identical binaries, archives and checksums from different places and environments", async () => {
    const a = tempDir("goship-repro-a-");
    const b = tempDir("goship-repro-b-");
    const dirA = copyFixture("api", { parent: a, name: "deeper/path with space/x/api" });
    const dirB = copyFixture("api", { parent: b, name: "api" });
    const envFor = (root: string, tz: string, lang: string, gocache?: string) => {
      for (const sub of ["home", "tmp"]) mkdirSync(path.join(root, sub), { recursive: true });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOME: path.join(root, "home"),
        TMPDIR: path.join(root, "tmp"),
        TZ: tz,
        LANG: lang,
        LC_ALL: lang,
      };
      // One side keeps the shared build cache, the other starts from an empty one.
      env.GOCACHE = gocache ?? path.join(root, "gocache");
      return env;
    };
    const sharedCache = tool("go", ["env", "GOCACHE"]).trim();
    const [ra, rb] = [
      await runCli(["release", "--no-cache", "--dir", dirA], {
        env: envFor(a, "Asia/Kolkata", "de_DE.UTF-8", sharedCache),
        umask: "077",
      }),
      await runCli(["release", "--no-cache", "--dir", dirB], {
        env: envFor(b, "America/Los_Angeles", "C"),
        umask: "022",
      }),
    ];
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const distA = path.join(dirA, "dist");
    const distB = path.join(dirB, "dist");
    const files = listFiles(distA);
    expect(files).toEqual(listFiles(distB));
    expect(files.filter((f) => f.endsWith(".tar.gz") || f.endsWith(".zip"))).toHaveLength(6);
    for (const file of files) {
      expect(readFileSync(path.join(distA, file)).equals(readFileSync(path.join(distB, file))), file).toBe(
        true,
      );
    }
  });
});

describe("architecture levels", () => {
  it("names and builds linux/amd64/v3 and linux/arm/7", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64/v3,linux/arm/7"]);
    expect(result.code, result.stderr).toBe(0);
    const dist = path.join(dir, "dist");
    expect(
      readdirSync(dist)
        .filter((n) => /\.(tar\.gz|zip)$/.test(n))
        .sort(),
    ).toEqual(["api-v1.2.3-linux-amd64v3.tar.gz", "api-v1.2.3-linux-armv7.tar.gz"]);
    expect(tool("go", ["version", "-m", path.join(dist, "bin/api-v1.2.3-linux-amd64v3")])).toContain(
      "\tbuild\tGOAMD64=v3\n",
    );
    expect(tool("go", ["version", "-m", path.join(dist, "bin/api-v1.2.3-linux-armv7")])).toContain(
      "\tbuild\tGOARM=7\n",
    );
  });
});

function listFiles(root: string, prefix = ""): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listFiles(root, path.join(prefix, e.name)) : [path.join(prefix, e.name)],
    )
    .sort();
}
