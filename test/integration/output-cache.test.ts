// The output cache: unchanged inputs reuse the binary; any input change rebuilds; bytes never differ.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { copyFixture, git, tempDir } from "../helpers/fixture.js";

const reuseLine = /debug reused from the output cache/g;
const archiveReuseLine = /archive reused from the output cache/g;

describe("output cache", () => {
  it("reuses unchanged builds, rebuilds on every changed input, and never changes bytes", async () => {
    const dir = copyFixture("deps");
    const cacheDir = tempDir("goship-outputs-");
    const env = { ...process.env, GOSHIP_DEBUG: "1", GOSHIP_CACHE_DIR: cacheDir };
    const targets = ["--targets", "linux/amd64,windows/arm64"];
    const run = async (...extra: string[]) => {
      const result = await runCli(["release", "--dir", dir, "--clean", "--snapshot", ...targets, ...extra], {
        env,
      });
      expect(result.code, result.stderr).toBe(0);
      return {
        reused: result.stderr.match(reuseLine)?.length ?? 0,
        archives: result.stderr.match(archiveReuseLine)?.length ?? 0,
        checksums: readFileSync(path.join(dir, "dist/checksums.txt"), "utf8"),
      };
    };
    const commit = (message: string) => {
      git(dir, "commit", "-q", "-am", message);
      git(dir, "tag", "-f", "v1.2.3");
    };

    const first = await run();
    expect(first.reused).toBe(0);
    expect(first.archives).toBe(0);
    const again = await run();
    expect(again.reused).toBe(2);
    expect(again.archives).toBe(2);
    expect(again.checksums).toBe(first.checksums);
    const uncached = await run("--no-cache");
    expect(uncached.reused).toBe(0);
    expect(uncached.archives).toBe(0);
    expect(uncached.checksums).toBe(first.checksums);

    // A changed source file (committed, so the version stays the same tag).
    writeFileSync(
      path.join(dir, "main.go"),
      readFileSync(path.join(dir, "main.go"), "utf8").replace('"dev"', '"dev2"'),
    );
    commit("source");
    expect((await run()).reused).toBe(0);
    expect((await run()).reused).toBe(2);

    // A changed dependency version.
    writeFileSync(
      path.join(dir, "go.mod"),
      readFileSync(path.join(dir, "go.mod"), "utf8").replace("v1.6.0", "v1.5.0"),
    );
    commit("dependency");
    expect((await run()).reused).toBe(0);

    // SOURCE_DATE_EPOCH reaches the build only through a date variable: without one, it is reused.
    const epoch = { ...env, SOURCE_DATE_EPOCH: "1700000000" };
    const unstamped = await runCli(["release", "--dir", dir, "--clean", "--snapshot", ...targets], {
      env: epoch,
    });
    expect(unstamped.stderr.match(reuseLine)?.length).toBe(2);

    // A changed flag: with a main.date variable, SOURCE_DATE_EPOCH changes its -X stamp.
    writeFileSync(
      path.join(dir, "main.go"),
      readFileSync(path.join(dir, "main.go"), "utf8")
        .replace('var version = "dev2"', 'var version, date = "dev2", ""')
        .replace("fmt.Println(version,", "fmt.Println(version, date,"),
    );
    commit("date stamp");
    expect((await run()).reused).toBe(0);
    const stamped = await runCli(["release", "--dir", dir, "--clean", "--snapshot", ...targets], {
      env: { ...env, SOURCE_DATE_EPOCH: "1700000000" },
    });
    expect(stamped.stderr.match(reuseLine)).toBeNull();

    // A changed environment value that reaches the build.
    const experiment = await runCli(["release", "--dir", dir, "--clean", "--snapshot", ...targets], {
      env: { ...env, GOFIPS140: "latest" },
    });
    expect(experiment.code, experiment.stderr).toBe(0);
    expect(experiment.stderr.match(reuseLine)).toBeNull();
    expect((await run()).reused).toBe(2);
  });
});
