// Every bad input: a non-zero exit, one clear message saying what to do, no stack trace, nothing
// that looks complete left in dist, and nothing of the user's deleted.
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CliResult, cliPath, runCli, tool } from "../helpers/cli.js";
import { copyFixture, git, tempDir } from "../helpers/fixture.js";

function expectCleanFailure(result: CliResult, message: RegExp, dist?: string): void {
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .*\(.*:\d+:\d+\)/);
  expect(result.stderr.split("\n").filter((l) => l.startsWith("⨯"))).toHaveLength(1);
  if (dist && existsSync(dist)) {
    const left = listAll(dist);
    expect(
      left.filter((f) => /\.(tar\.gz|zip|sha256)$|checksums\.txt$|artifacts\.json$|\.goship-tmp/.test(f)),
    ).toEqual([]);
  }
}

function listAll(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) =>
    path.join(e.parentPath, e.name),
  );
}

/** A PATH holding only the given tools (plus the shell), for "go missing" and "go too old". */
function pathWith(tools: Record<string, string>): string {
  const bin = tempDir("goship-bin-");
  for (const [name, target] of Object.entries(tools)) symlinkSync(target, path.join(bin, name));
  return bin;
}

const which = (name: string) => tool("sh", ["-c", `command -v ${name}`]).trim();

describe("bad input", () => {
  it("refuses a directory that is not a Go module", async () => {
    const dir = tempDir();
    expectCleanFailure(
      await runCli(["release", "--dir", dir]),
      /not a Go module.*pass --dir/,
      path.join(dir, "dist"),
    );
    expect(existsSync(path.join(dir, "dist"))).toBe(false);
  });

  it("refuses a module without a main package", async () => {
    const dir = copyFixture("lib");
    expectCleanFailure(
      await runCli(["release", "--dir", dir]),
      /no main package.*package main/,
      path.join(dir, "dist"),
    );
  });

  it("says when go is missing", async () => {
    const dir = copyFixture("api");
    const PATH = pathWith({ git: which("git") });
    const result = await runCli(["release", "--dir", dir], { env: { ...process.env, PATH } });
    expectCleanFailure(
      result,
      /`go` command was not found on PATH; install Go 1\.21 or newer/,
      path.join(dir, "dist"),
    );
  });

  it("says when go is older than 1.21", async () => {
    const dir = copyFixture("api");
    const bin = pathWith({ git: which("git") });
    // An installed Go 1.20 answers `go env -json` like this; goship must stop before building.
    writeFileSync(
      path.join(bin, "go"),
      `#!/bin/sh\n[ "$1" = env ] && printf '{"GOVERSION":"go1.20.14","GOMOD":"%s/go.mod","GOHOSTOS":"linux","GOHOSTARCH":"amd64","GOFLAGS":"","GOEXPERIMENT":""}' "$PWD" && exit 0\nexit 2\n`,
    );
    chmodSync(path.join(bin, "go"), 0o755);
    const result = await runCli(["release", "--dir", dir], { env: { ...process.env, PATH: bin } });
    expectCleanFailure(
      result,
      /go1\.20\.14 is too old: goship needs Go 1\.21 or newer/,
      path.join(dir, "dist"),
    );
  });

  it("rejects unknown targets and levels with the nearest valid choices", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd46,linux/amd64/v5"]);
    expectCleanFailure(
      result,
      /unknown target "linux\/amd46"; nearest valid: linux\/amd64/,
      path.join(dir, "dist"),
    );
    expect(result.stderr).toMatch(/invalid GOAMD64 level in "linux\/amd64\/v5"; valid: linux\/amd64\/v1/);
  });

  it("asks for go mod tidy when go.sum needs updating", async () => {
    const dir = copyFixture("untidy");
    const result = await runCli(["release", "--dir", dir]);
    expectCleanFailure(result, /go\.mod\/go\.sum need updating.*run `go mod tidy`/, path.join(dir, "dist"));
    expect(result.stderr).toMatch(/missing go\.sum entry/);
  });

  it("shows the compiler's errors with file and line for a target that fails", async () => {
    const dir = copyFixture("broken");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64,windows/amd64"]);
    expectCleanFailure(result, /go build failed; fix the errors below/, path.join(dir, "dist"));
    expect(result.stderr).toMatch(/main\.go:4:2: undefined: undefinedCall/);
    expect(result.stderr).toMatch(/target: (linux|windows)\/amd64/);
  });

  it("refuses a dirty tree on release but builds it with build", async () => {
    const dir = copyFixture("api");
    writeFileSync(path.join(dir, "README.md"), "changed\n");
    const result = await runCli(["release", "--dir", dir]);
    expectCleanFailure(
      result,
      /uncommitted changes; commit or stash them, or pass --snapshot/,
      path.join(dir, "dist"),
    );
    expect(result.stderr).toContain("README.md");
    const built = await runCli(["build", "--dir", dir, "--single-target"]);
    expect(built.code, built.stderr).toBe(0);
    expect(readdirSync(path.join(dir, "dist/bin"))).toEqual([
      expect.stringMatching(/^api-v1\.2\.3-dirty-linux-amd64$/),
    ]);
  });

  it("refuses a non-empty dist without --clean and touches nothing in it", async () => {
    const dir = copyFixture("api");
    const dist = path.join(dir, "dist");
    mkdirSync(dist);
    writeFileSync(path.join(dist, "keep.txt"), "mine\n");
    const result = await runCli(["release", "--dir", dir]);
    expectCleanFailure(result, /dist directory is not empty; pass --clean/, dist);
    expect(readdirSync(dist)).toEqual(["keep.txt"]);
    expect(readFileSync(path.join(dist, "keep.txt"), "utf8")).toBe("mine\n");
  });

  it("refuses a tree outside git unless --snapshot", async () => {
    const dir = copyFixture("api", { git: false });
    expectCleanFailure(
      await runCli(["release", "--dir", dir]),
      /not a git repository.*or pass --snapshot/,
      path.join(dir, "dist"),
    );
    const snapshot = await runCli(["release", "--dir", dir, "--snapshot", "--single-target"]);
    expect(snapshot.code, snapshot.stderr).toBe(0);
  });

  it("refuses an untagged repository unless --snapshot", async () => {
    const dir = copyFixture("api", { tag: false });
    expectCleanFailure(
      await runCli(["release", "--dir", dir]),
      /no tag.*git tag v0\.1\.0.*--snapshot/,
      path.join(dir, "dist"),
    );
  });

  it("rejects a bad --parallelism", async () => {
    const dir = copyFixture("api");
    for (const value of ["0", "abc", "-1", "2.5"]) {
      const result = await runCli(["release", "--dir", dir, `--parallelism=${value}`]);
      expectCleanFailure(
        result,
        /--parallelism must be a whole number from 1 to 1024/,
        path.join(dir, "dist"),
      );
      expect(result.code).toBe(2);
    }
  });

  it("rejects unknown flags", async () => {
    const result = await runCli(["release", "--bogus"]);
    expectCleanFailure(result, /Unknown option '--bogus'; see `goship --help`/);
  });

  it("reports an unwritable dist", async () => {
    const dir = copyFixture("api");
    // A regular file where a directory is needed fails for every user, root included.
    writeFileSync(path.join(dir, "blocker"), "");
    git(dir, "add", "blocker");
    git(dir, "commit", "-q", "-m", "blocker");
    git(dir, "tag", "-f", "v1.2.3");
    const result = await runCli(["release", "--dir", dir, "--dist", path.join(dir, "blocker/dist")]);
    expectCleanFailure(
      result,
      /dist is a file, not a directory \(or lies under a file\); choose another --dist/,
    );
    expect(readFileSync(path.join(dir, "blocker"), "utf8")).toBe("");
  });

  it("refuses a dist that would delete the module", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["release", "--dir", dir, "--dist", dir, "--clean"]);
    expectCleanFailure(result, /refusing to use the module directory/);
    expect(existsSync(path.join(dir, "go.mod"))).toBe(true);
  });
});

describe("interruption", () => {
  it("on Ctrl-C kills the builds, removes what it wrote and exits 130", async () => {
    const dir = copyFixture("api");
    const gocache = tempDir("goship-cold-cache-");
    const child = spawn(process.execPath, [cliPath, "release", "--dir", dir], {
      env: { ...process.env, GOCACHE: gocache },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const started = new Promise<void>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes("building")) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await started;
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT/);
    expect(existsSync(path.join(dir, "dist"))).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(processesIn(dir)).toEqual([]);
  });
});

/** Processes whose working directory is inside `dir` (go build runs there). */
function processesIn(dir: string): string[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    });
}
