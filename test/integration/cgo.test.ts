// cgo releases with real C code (SQLite through mattn/go-sqlite3), cross-compiled with zig: static
// binaries for three Linux architectures that really open a database, under qemu-user for the
// foreign ones, byte-identical from two places; a Windows cgo .exe; a dynamic glibc build.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";
import { findTool, missingTools, toolsDir } from "../helpers/tools.js";

const zig = findTool("zig");
const qemu = {
  arm64: findTool("qemu-aarch64-static", "qemu-aarch64"),
  arm: findTool("qemu-arm-static", "qemu-arm"),
};
const missing = missingTools({
  zig,
  "qemu-aarch64": qemu.arm64,
  "qemu-arm": qemu.arm,
  file: findTool("file"),
  gcc: findTool("gcc"),
});

// zig builds musl, compiler-rt and mingw once per target into this cache (CI keeps it with the
// tools); goship finds zig on PATH.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: [path.dirname(zig ?? "/"), process.env.PATH].join(path.delimiter),
  ZIG_GLOBAL_CACHE_DIR: process.env.ZIG_GLOBAL_CACHE_DIR || path.join(toolsDir, "zig-cache"),
};

const targets = [
  { name: "linux-amd64", machine: "x86-64", run: [] as string[] },
  { name: "linux-arm64", machine: "ARM aarch64", run: [qemu.arm64 ?? ""] },
  { name: "linux-armv7", machine: "ARM, EABI5", run: [qemu.arm ?? ""] },
];

// A cold zig cache compiles musl, compiler-rt or mingw per target (90-165 s each on 2 cores) and
// go-sqlite3's C amalgamation once per target; the second release reuses both.
const coldBuild = 1_500_000;

let parent: string;
let first: string;
let second: string;

describe.skipIf(missing.length > 0)("cgo static release of a SQLite tool", () => {
  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-cgo-"));
    first = copyFixture("cgo-sqlite", { parent, name: "a/sqlite-tool" });
    second = copyFixture("cgo-sqlite", { parent, name: "elsewhere/b/sqlite-tool" });
    // The first release runs in a hostile environment: none of it may reach the build (goship
    // replaces GOFLAGS and sets CGO_ENABLED and CC itself), or the two releases would differ.
    const hostile = { GOFLAGS: "-buildvcs=false -tags=libsqlite3", CGO_ENABLED: "0", CC: "false" };
    for (const [dir, extra] of [
      [first, hostile],
      [second, {}],
    ] as const) {
      const started = Date.now();
      const result = await runCli(["release", "--dir", dir], { env: { ...env, ...extra } });
      expect(result.code, result.stderr).toBe(0);
      console.info(`cgo release of 3 targets in ${dir}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }, coldBuild * 2);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("builds static binaries for amd64, arm64 and arm/7, each in its normal archive", () => {
    for (const t of targets) {
      const bin = path.join(first, "dist/bin", `sqlite-tool-v1.2.3-${t.name}`);
      const description = tool("file", ["-b", bin]);
      expect(description).toContain("statically linked");
      expect(description).toContain(t.machine);
      const listing = tool("tar", ["-tzf", path.join(first, "dist", `sqlite-tool-v1.2.3-${t.name}.tar.gz`)]);
      expect(listing).toContain(`sqlite-tool-v1.2.3-${t.name}/sqlite-tool\n`);
    }
  });

  it("runs each binary (qemu-user for the foreign ones) and really writes and reads a database", () => {
    for (const t of targets) {
      const db = path.join(parent, `${t.name}.db`);
      const bin = path.join(first, "dist/bin", `sqlite-tool-v1.2.3-${t.name}`);
      const [command = bin, ...args] = [...t.run, ...(t.run.length ? [bin] : [])];
      expect(tool(command, [...args, db])).toMatch(/^sqlite 3\.\d+\.\d+: 1 rows\n$/);
      expect(tool(command, [...args, db])).toMatch(/: 2 rows\n$/);
    }
  });

  it("stamps VCS facts and links the bundled SQLite whatever the caller's GOFLAGS", () => {
    const commit = git(first, "rev-parse", "HEAD").trim();
    const info = tool("go", ["version", "-m", path.join(first, "dist/bin/sqlite-tool-v1.2.3-linux-amd64")]);
    expect(info).toContain(`build\tvcs.revision=${commit}\n`);
    expect(info).toContain("build\tCGO_ENABLED=1\n");
    expect(info).not.toContain("libsqlite3");
  });

  it("gives byte-identical archives and checksums from two places", () => {
    const sums = readFileSync(path.join(first, "dist/checksums.txt"), "utf8");
    expect(sums.split("\n").filter(Boolean)).toHaveLength(3);
    expect(readFileSync(path.join(second, "dist/checksums.txt"), "utf8")).toBe(sums);
    for (const t of targets) {
      const name = `bin/sqlite-tool-v1.2.3-${t.name}`;
      expect(
        readFileSync(path.join(second, "dist", name)).equals(readFileSync(path.join(first, "dist", name))),
      ).toBe(true);
    }
  });

  it("records the mode and zig's target per target, and verify proves the binaries static", async () => {
    const metadata = JSON.parse(readFileSync(path.join(first, "dist/metadata.json"), "utf8"));
    expect(metadata.build.env).toEqual({ CGO_ENABLED: "1" });
    expect(metadata.build.cgo.mode).toBe("static");
    expect(metadata.build.cgo.compilers).toEqual({
      "linux/amd64": expect.stringMatching(/^zig \S+ cc -target x86_64-linux-musl$/),
      "linux/arm64": expect.stringMatching(/^zig \S+ cc -target aarch64-linux-musl$/),
      "linux/arm/7": expect.stringMatching(/^zig \S+ cc -target arm-linux-musleabihf$/),
    });
    expect(metadata.build.ldflags).toContain("-linkmode=external -extldflags '-static -s'");
    const inspect = await runCli(["inspect", path.join(first, "dist/bin/sqlite-tool-v1.2.3-linux-armv7")], {
      env,
    });
    expect(inspect.stdout).toMatch(
      /cgo\s+on \(CGO_ENABLED=1\), C compiler: zig \S+ cc -target arm-linux-musleabihf\n/,
    );
    expect(inspect.stdout).toMatch(/linkage\s+statically linked\n/);
    const verify = await runCli(["verify", path.join(first, "dist"), "--json"], { env });
    expect(verify.code, verify.stderr).toBe(0);
    const report = JSON.parse(verify.stdout) as {
      artifacts: Array<{ name: string; checks: Array<{ check: string; status: string }> }>;
    };
    const binaries = report.artifacts.filter((a) => a.name.startsWith("bin/"));
    expect(binaries).toHaveLength(3);
    for (const a of binaries) {
      expect(a.checks.find((c) => c.check === "static")?.status).toBe("pass");
      expect(a.checks.find((c) => c.check === "cgo on")?.status).toBe("pass");
      expect(a.checks.find((c) => c.check === "no local paths")?.status).toBe("pass");
    }
  });
});

describe.skipIf(missing.length > 0)("cgo without configuration", () => {
  it(
    "detects the C code, chooses static, and cross-compiles a Windows .exe with zig",
    async () => {
      const dir = copyFixture("inspect-cgo");
      const result = await runCli(["build", "--dir", dir, "--targets", "windows/amd64"], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/cgo .*mode=static \(musl\) because=example\.com\/inspectcgo use C/);
      const exe = path.join(dir, "dist/bin/inspectcgo-v1.2.3-windows-amd64.exe");
      expect(tool("file", ["-b", exe])).toMatch(/^PE32\+ executable \(console\) x86-64/);
      const inspect = await runCli(["inspect", exe], { env });
      expect(inspect.code, inspect.stderr).toBe(0);
      expect(inspect.stdout).toMatch(/cgo\s+on \(CGO_ENABLED=1\)/);
      expect(inspect.stdout).toMatch(/target\s+windows\/amd64/);
    },
    coldBuild,
  );

  it("builds a dynamic glibc binary with the host's gcc, records its glibc floor and verifies it", async () => {
    const dir = copyFixture("inspect-cgo", { tag: false });
    // the fixture has no version variables: no -X stamps
    writeFileSync(path.join(dir, "goship.yaml"), "builds:\n  - cgo: dynamic\n    stamps: {}\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "dynamic");
    git(dir, "tag", "v1.2.3");
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"], { env });
    expect(result.code, result.stderr).toBe(0);
    const metadata = JSON.parse(readFileSync(path.join(dir, "dist/metadata.json"), "utf8"));
    expect(metadata.build.cgo).toEqual({
      mode: "dynamic",
      compilers: { "linux/amd64": "gcc" },
      glibc: { "linux/amd64": expect.stringMatching(/^2\.\d+$/) },
    });
    const bin = path.join(dir, "dist/bin/inspectcgo-v1.2.3-linux-amd64");
    expect(tool("file", ["-b", bin])).toContain("dynamically linked");
    expect(execFileSync(bin, { encoding: "utf8" })).toBe("twice: 42\n");
    const verify = await runCli(["verify", path.join(dir, "dist")], { env });
    expect(verify.code, verify.stderr).toBe(0);
    const inspect = await runCli(["inspect", bin], { env });
    expect(inspect.stdout).toContain(`needs glibc ≥ ${metadata.build.cgo.glibc["linux/amd64"]}`);
  });
});
