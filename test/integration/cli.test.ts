// The CLI surface and the library API: --json, --version, --help, GOFLAGS, vendoring, build().
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../src/log/logger.js";
import { build, release } from "../../src/release.js";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, git, repoRoot, tempDir } from "../helpers/fixture.js";

describe("CLI", () => {
  it("prints its version and help", async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`goship ${pkg.version}\n`);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of [
      "--dir",
      "--dist",
      "--clean",
      "--targets",
      "--single-target",
      "--snapshot",
      "--parallelism",
      "--json",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("prints a machine-readable summary on stdout with --json, logs on stderr", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      version: string;
      artifacts: Array<{ kind: string; path: string; target?: string }>;
    };
    expect(summary.version).toBe("v1.2.3");
    expect(summary.artifacts.map((a) => a.path)).toEqual(
      expect.arrayContaining([
        "bin/api-v1.2.3-linux-amd64",
        "api-v1.2.3-linux-amd64.tar.gz",
        "checksums.txt",
      ]),
    );
    expect(result.stderr).toContain("api-v1.2.3-linux-amd64.tar.gz");
  });

  it("ignores GOFLAGS from the environment, saying so, and still stamps VCS information", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"], {
      env: { ...process.env, GOFLAGS: "-buildvcs=false -tags=nope" },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/GOFLAGS is ignored.*GOFLAGS=-buildvcs=false -tags=nope/);
    const info = tool("go", ["version", "-m", path.join(dir, "dist/bin/api-v1.2.3-linux-amd64")]);
    expect(info).toContain(`vcs.revision=${git(dir, "rev-parse", "HEAD")}`);
    expect(info).not.toContain("-tags=nope");
  });

  it("builds a vendored module with -mod=vendor", async () => {
    const dir = copyFixture("deps");
    execFileSync("go", ["mod", "vendor"], { cwd: dir, env: { ...process.env, GOFLAGS: "-mod=mod" } });
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "vendor");
    git(dir, "tag", "-f", "v1.2.3");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"]);
    expect(result.code, result.stderr).toBe(0);
    const metadata = JSON.parse(readFileSync(path.join(dir, "dist/metadata.json"), "utf8")) as {
      build: { flags: string[] };
    };
    expect(metadata.build.flags).toContain("-mod=vendor");
    const info = tool("go", ["version", "-m", path.join(dir, "dist/bin/deps-v1.2.3-linux-amd64")]);
    // Vendored builds record no h1: sums for dependencies.
    expect(info).toMatch(/\tdep\tgithub\.com\/google\/uuid\tv1\.6\.0\t\n/);
  });
});

describe("library API", () => {
  it("release() returns what it made and build() writes binaries only", async () => {
    const dir = copyFixture("api");
    const logger = createRecordingLogger();
    const env = { ...process.env, GOSHIP_CACHE_DIR: tempDir() };
    const result = await release({ dir, targets: ["linux/amd64", "windows/amd64"], logger, env });
    expect(result).toMatchObject({
      project: "api",
      version: "v1.2.3",
      snapshot: false,
      distDir: path.join(dir, "dist"),
    });
    expect(result.artifacts.filter((a) => a.kind === "archive").map((a) => a.name)).toEqual(
      expect.arrayContaining(["api-v1.2.3-linux-amd64.tar.gz", "api-v1.2.3-windows-amd64.zip"]),
    );
    expect(logger.records.some((r) => r.message === "version" && r.fields.version === "v1.2.3")).toBe(true);

    const built = await build({ dir, dist: "out", singleTarget: true, logger, env });
    expect(built.artifacts.filter((a) => a.kind === "archive")).toEqual([]);
    expect(readdirSync(path.join(dir, "out/bin"))).toHaveLength(1);
    expect(existsSync(path.join(dir, "out/checksums.txt"))).toBe(false);
  });

  it("throws a ReleaseError with a clear message on bad input", async () => {
    await expect(release({ dir: tempDir() })).rejects.toMatchObject({
      name: "NotAGoModuleError",
      exitCode: 1,
    });
  });
});
