// The binary readers against the real toolchain: `go version -m`, `go tool buildid` and file(1)
// must agree byte for byte with what goship reads from the bytes alone.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BinaryInfo,
  formatGoVersionM,
  formatGoVersionMDirectory,
  readBinary,
} from "../../src/inspect/index.js";
import { createExec, type ExecOptions } from "../../src/process/exec.js";

const exec = createExec();
const fixtures = path.resolve(import.meta.dirname, "../fixtures/modules");
const work = mkdtempSync(path.join(os.tmpdir(), "goship-inspect-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TARGETS = [
  "linux/amd64",
  "linux/386",
  "linux/arm",
  "linux/arm64",
  "linux/ppc64",
  "linux/s390x",
  "linux/riscv64",
  "linux/mips64le",
  "windows/amd64",
  "windows/386",
  "windows/arm64",
  "darwin/amd64",
  "darwin/arm64",
  "freebsd/amd64",
];

/**
 * The environment of every go command: no GOFLAGS from the machine or from the user's `go env -w`
 * file (GOENV=off), and no toolchain downloads.
 */
function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOENV: "off", GOFLAGS: "", GOTOOLCHAIN: "local", CGO_ENABLED: "0", ...extra };
}

const run = async (command: string, args: string[], options: ExecOptions) =>
  (await exec(command, args, { timeoutMs: 540_000, ...options })).stdout;

/** Runs jobs with at most `limit` in flight: the machine has two cores shared with others. */
async function bounded<T>(limit: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** Copies a fixture module into the work directory as a tagged git repository, so VCS stamps appear. */
async function copyModule(fixture: string, name = fixture): Promise<string> {
  const dir = path.join(work, name);
  cpSync(path.join(fixtures, fixture), dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "goship test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "goship test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_AUTHOR_DATE: "1709294400 +0000",
    GIT_COMMITTER_DATE: "1709294400 +0000",
  };
  for (const args of [
    ["init", "-q", "-b", "main"],
    ["add", "-A"],
    ["commit", "-q", "-m", "fixture"],
    ["tag", "v1.2.3"],
  ]) {
    await run("git", args, { cwd: dir, env });
  }
  return dir;
}

/** Reads `file` with goship and with the toolchain, and checks they say the same. */
async function expectSameAsGo(file: string): Promise<BinaryInfo> {
  const info = await readBinary(file);
  expect(formatGoVersionM(file, info)).toBe(await run("go", ["version", "-m", file], { cwd: work }));
  expect(info.buildId).toBe((await run("go", ["tool", "buildid", file], { cwd: work })).trimEnd());
  return info;
}

let haveGo = true;
beforeAll(async () => {
  try {
    await run("go", ["version"], { cwd: work });
  } catch (error) {
    if (process.env.CI) throw error;
    haveGo = false;
  }
});

describe("inspect readers on real Go binaries", () => {
  // 28 builds: with a cold build cache every target compiles the standard library twice
  // (-trimpath changes every action ID), which takes longer than the project's default timeout.
  const coldCache = { timeout: 2_400_000 };

  it(
    "match go version -m and go tool buildid for every target, with and without -trimpath",
    coldCache,
    async (ctx) => {
      if (!haveGo) return ctx.skip("go is not installed");
      const module = await copyModule("inspect-basic");
      const out = path.join(work, "matrix");
      mkdirSync(out);
      const builds = TARGETS.flatMap((target) =>
        [false, true].map((trimpath) => async () => {
          const [goos, goarch] = target.split("/") as [string, string];
          const file = path.join(
            out,
            `basic-${goos}-${goarch}${trimpath ? "-trimpath" : ""}${goos === "windows" ? ".exe" : ""}`,
          );
          // Spaces and quotes in -ldflags make go quote the setting, which the formatter must repeat.
          const flags = trimpath ? ["-trimpath"] : ['-ldflags=-X "main.version=1.2.3 beta"'];
          const extra: Record<string, string> = {
            GOOS: goos,
            GOARCH: goarch,
            ...(goarch === "arm" ? { GOARM: "7" } : {}),
          };
          await run("go", ["build", ...flags, "-o", file, "."], { cwd: module, env: goEnv(extra) });
          return { file, goos, goarch, trimpath };
        }),
      );
      for (const { file, goos, goarch, trimpath } of await bounded(2, builds)) {
        const info = await expectSameAsGo(file);
        expect(info.header.goarch, file).toBe(goarch);
        expect(info.header.goos, file).toBe(goos);
        expect(info.buildTarget).toEqual({ goos, goarch });
        expect(info.buildId, file).toMatch(/^[\w-]+\/[\w-]+\/[\w-]+\/[\w-]+$/);
        expect(info.buildInfo.settings).toContainEqual({ key: "vcs.modified", value: "false" });
        expect(info.buildInfo.main.version).toBe("v1.2.3");
        if (trimpath) expect(info.leakedPaths, file).toEqual([]);
        else
          expect(
            info.leakedPaths.some((p) => p.startsWith(module)),
            file,
          ).toBe(true);
        if (goos === "windows") expect(info.linkage).toEqual({ format: "pe", dlls: ["kernel32.dll"] });
        if (goos === "darwin") expect(info.linkage).toMatchObject({ dylinker: "/usr/lib/dyld" });
        if (info.linkage.format === "elf") expect(info.linkage.fileVerdict).toBe("statically linked");
        expect(info.debug, file).toMatchObject({ stripped: false, dwarf: true });
      }

      // A directory walk must print exactly what `go version -m dir` prints, skipping other files.
      writeFileSync(path.join(out, "README.txt"), "not a binary\n");
      writeFileSync(path.join(out, "script.sh"), "#!/bin/sh\n", { mode: 0o755 });
      symlinkSync("basic-linux-amd64", path.join(out, "zz-link"));
      symlinkSync("../matrix", path.join(out, "zz-dir-link"));
      expect(await formatGoVersionMDirectory(out)).toBe(
        await run("go", ["version", "-m", out], { cwd: work }),
      );

      // A universal file: every slice is parsed, build info comes from the first as Go reads it.
      const universal = path.join(work, "universal");
      writeFileSync(
        universal,
        await makeUniversal(path.join(out, "basic-darwin-arm64"), path.join(out, "basic-darwin-amd64")),
      );
      const fat = await readBinary(universal);
      expect(formatGoVersionM(universal, fat)).toBe(
        await run("go", ["version", "-m", universal], { cwd: work }),
      );
      expect(fat.universal).toBe(true);
      expect(fat.slices.map((s) => s.header.goarch)).toEqual(["arm64", "amd64"]);
    },
  );

  it("agrees with file(1) on static, dynamic and stripped ELF binaries, and spots stripped PE and Mach-O", async (ctx) => {
    if (!haveGo) return ctx.skip("go is not installed");
    const basic = await copyModule("inspect-basic", "basic-for-file");
    const cgo = await copyModule("inspect-cgo");
    const files = {
      static: path.join(work, "static"),
      stripped: path.join(work, "stripped"),
      dynamic: path.join(work, "dynamic"),
    };
    await run("go", ["build", "-o", files.static, "."], { cwd: basic, env: goEnv() });
    await run("go", ["build", "-ldflags=-s -w", "-o", files.stripped, "."], { cwd: basic, env: goEnv() });
    await run("go", ["build", "-o", files.dynamic, "."], { cwd: cgo, env: goEnv({ CGO_ENABLED: "1" }) });
    for (const [kind, file] of Object.entries(files)) {
      const info = await expectSameAsGo(file);
      const described = await run("file", ["-b", file], { cwd: work });
      if (info.linkage.format !== "elf") throw new Error(`${file} is not ELF`);
      expect(described, kind).toContain(`, ${info.linkage.fileVerdict}`);
      expect(described, kind).toContain(info.debug.stripped ? ", stripped" : ", not stripped");
      if (info.linkage.interpreter) expect(described).toContain(`interpreter ${info.linkage.interpreter}`);
    }
    const dynamic = await readBinary(files.dynamic);
    expect(dynamic.linkage).toMatchObject({ static: false, fileVerdict: "dynamically linked" });
    expect(dynamic.linkage.format === "elf" && dynamic.linkage.needed).toContain("libc.so.6");
    expect((await readBinary(files.static)).linkage).toMatchObject({
      static: true,
      hasDynamicSegment: false,
    });
    expect((await readBinary(files.stripped)).debug).toEqual({
      stripped: true,
      symbolCount: 0,
      dwarf: false,
    });

    // PE and Mach-O have no file(1) verdict: stripped means no COFF symbols / no __DWARF segment.
    for (const [goos, goarch] of [
      ["windows", "amd64"],
      ["darwin", "arm64"],
    ] as const) {
      const file = path.join(work, `stripped-${goos}`);
      const env = goEnv({ GOOS: goos, GOARCH: goarch });
      await run("go", ["build", "-ldflags=-s -w", "-o", file, "."], { cwd: basic, env });
      expect((await expectSameAsGo(file)).debug, goos).toMatchObject({ stripped: true, dwarf: false });
    }
  });

  it("match go version -m for a module with a real and a replaced dependency, and for its vendored copy", async (ctx) => {
    if (!haveGo) return ctx.skip("go is not installed");
    const deps = await copyModule("inspect-deps");
    const vendored = await copyModule("inspect-deps", "inspect-deps-vendored");
    await run("go", ["mod", "vendor"], { cwd: vendored, env: goEnv() });
    const withSums = path.join(work, "deps");
    const withoutSums = path.join(work, "deps-vendored");
    await run("go", ["build", "-o", withSums, "."], { cwd: deps, env: goEnv() });
    await run("go", ["build", "-o", withoutSums, "."], { cwd: vendored, env: goEnv() });
    const uuid = (info: BinaryInfo) => info.buildInfo.deps.find((d) => d.path === "github.com/google/uuid");
    const direct = await expectSameAsGo(withSums);
    expect(uuid(direct)?.sum).toMatch(/^h1:/);
    expect(direct.buildInfo.deps.find((d) => d.path === "example.com/localdep")?.replace?.path).toBe(
      "./localdep",
    );
    expect(uuid(await expectSameAsGo(withoutSums))?.sum).toBe("");
  });
});

/** A two-slice universal file laid out as lipo does (16 KiB-aligned slices). */
async function makeUniversal(...files: string[]): Promise<Uint8Array> {
  const { readFile } = await import("node:fs/promises");
  const slices = await Promise.all(files.map((f) => readFile(f)));
  const offsets: number[] = [];
  let end = 16384;
  for (const slice of slices) {
    offsets.push(end);
    end = Math.ceil((end + slice.length) / 16384) * 16384;
  }
  const out = Buffer.alloc(end);
  out.writeUInt32BE(0xcafebabe, 0);
  out.writeUInt32BE(slices.length, 4);
  slices.forEach((slice, i) => {
    out.writeUInt32BE(slice.readUInt32LE(4), 8 + i * 20);
    out.writeUInt32BE(slice.readUInt32LE(8), 12 + i * 20);
    out.writeUInt32BE(offsets[i]!, 16 + i * 20);
    out.writeUInt32BE(slice.length, 20 + i * 20);
    out.writeUInt32BE(14, 24 + i * 20);
    slice.copy(out, offsets[i]!);
  });
  return out;
}
