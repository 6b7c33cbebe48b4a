// A release split across three "runners" (separate clones, HOME, goship cache and TMPDIR) and merged is
// byte for byte the release one machine makes; parts that do not belong together are refused.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";

const targets = [
  "linux/amd64",
  "linux/arm64",
  "linux/386",
  "linux/arm/7",
  "darwin/amd64",
  "darwin/arm64",
  "windows/amd64",
  "windows/arm64",
].join(",");

/**
 * A runner of its own: a fresh clone and a home, goship cache and temp dir nobody else uses. Go's
 * build cache stays the machine's: output bytes never depend on it (reproduce.test.ts rebuilds
 * in an empty one), and it spares the suite eight cold compiles of the standard library per runner.
 */
function runner(origin: string, root: string, name: string): { dir: string; env: NodeJS.ProcessEnv } {
  const home = path.join(root, `${name}-home`);
  for (const sub of ["", "tmp"]) mkdirSync(path.join(home, sub), { recursive: true });
  const dir = path.join(root, name);
  git(root, "clone", "-q", "--no-local", origin, dir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    TMPDIR: path.join(home, "tmp"),
    GOCACHE: machineGoCache(),
    GOSHIP_CACHE_DIR: path.join(home, "goship-cache"),
  };
  return { dir, env };
}

/** The Go build cache of this machine (the runner's HOME is a new one, so it must be named). */
function machineGoCache(): string {
  return execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim();
}

/** Every file under `a` is under `b` with the same bytes, and nothing else is. */
function sameFiles(a: string, b: string): void {
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  expect(files(b)).toEqual(files(a));
  for (const file of files(a)) {
    expect(readFileSync(path.join(b, file)).equals(readFileSync(path.join(a, file))), `${file} differs`).toBe(
      true,
    );
  }
}

function refused(result: CliResult, message: RegExp, dist: string): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(dist)).toBe(false);
}

describe("split and merge", () => {
  let root: string;
  let origin: string;
  let merger: { dir: string; env: NodeJS.ProcessEnv };
  const parts: string[] = [];
  let single: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "goship-split-"));
    origin = copyFixture("api", { parent: root, name: "origin" });
    // SBOMs and provenance are made by the merge from the parts' files: they too must come out as
    // one machine writes them.
    writeFileSync(
      path.join(origin, "goship.yaml"),
      [
        "sboms:",
        "  - artifacts: archive",
        "  - id: binaries",
        "    artifacts: binary",
        '    documents: ["{{ .Binary }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}.cdx.json"]',
        "",
      ].join("\n"),
    );
    git(origin, "add", "-A");
    git(origin, "commit", "-q", "-m", "sboms");
    git(origin, "tag", "-f", "v1.2.3");
    for (const i of [1, 2, 3]) {
      const { dir, env } = runner(origin, root, `shard-${i}`);
      const result = await runCli(["release", "--shard", `${i}/3`, "--targets", targets, "--dist", "dist"], {
        cwd: dir,
        env,
      });
      expect(result.stderr).toContain(`part  part=shard ${i}/3`);
      expect(result.code, result.stderr).toBe(0);
      parts.push(path.join(dir, "dist"));
    }
    const one = runner(origin, root, "one-machine");
    const result = await runCli(["release", "--targets", targets], { cwd: one.dir, env: one.env });
    expect(result.code, result.stderr).toBe(0);
    single = path.join(one.dir, "dist");
    merger = runner(origin, root, "merger");
  });

  it("gives each shard a balanced, disjoint share", () => {
    const shares = parts.map((p) => JSON.parse(readFileSync(path.join(p, "shard.json"), "utf8")).targets);
    expect(shares.map((s: string[]) => s.length)).toEqual([3, 3, 2]);
    expect(shares.flat().sort()).toEqual(targets.split(",").sort());
  });

  it("merges three shards into the one-machine release, byte for byte", async () => {
    // The parts arrive inside the checkout, as CI artifact downloads do.
    const copies = parts.map((p, i) => {
      const copy = path.join(merger.dir, "parts", `shard-${i + 1}`);
      cpSync(p, copy, { recursive: true });
      return copy;
    });
    const result = await runCli(["merge", ...copies, "--dist", "dist"], { cwd: merger.dir, env: merger.env });
    expect(result.code, result.stderr).toBe(0);
    const merged = path.join(merger.dir, "dist");
    const names = readdirSync(merged);
    expect(names.filter((n) => n.endsWith(".sbom.json")).length).toBe(8);
    expect(names.filter((n) => n.endsWith(".cdx.json")).length).toBe(8);
    for (const file of ["checksums.txt", "metadata.json", "artifacts.json", "api.intoto.jsonl"]) {
      expect(readFileSync(path.join(merged, file), "utf8")).toBe(
        readFileSync(path.join(single, file), "utf8"),
      );
    }
    sameFiles(single, merged);
  });

  it("refuses a missing shard, and writes nothing", async () => {
    const dist = path.join(root, "out-missing");
    const result = await runCli(["merge", parts[0]!, parts[2]!, "--dist", dist], {
      cwd: merger.dir,
      env: merger.env,
    });
    refused(result, /the dist of shard 2\/3 is missing/, dist);
  });

  it("refuses a shard given twice", async () => {
    const dist = path.join(root, "out-double");
    const result = await runCli(["merge", ...parts, parts[1]!, "--dist", dist], {
      cwd: merger.dir,
      env: merger.env,
    });
    refused(result, /both shard 2\/3/, dist);
  });

  it("refuses a tampered artifact, naming it", async () => {
    const copy = path.join(root, "tampered");
    cpSync(parts[0]!, copy, { recursive: true });
    const archive = readdirSync(copy).find((f) => f.endsWith(".tar.gz"))!;
    const bytes = readFileSync(path.join(copy, archive));
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(path.join(copy, archive), bytes);
    const dist = path.join(root, "out-tampered");
    const result = await runCli(["merge", copy, parts[1]!, parts[2]!, "--dist", dist], {
      cwd: merger.dir,
      env: merger.env,
    });
    refused(
      result,
      new RegExp(`${archive.replaceAll(".", "\\.")} in .* is not the file that was built`),
      dist,
    );
  });

  it("refuses a shard built from another commit", async () => {
    const other = runner(origin, root, "other-commit");
    writeFileSync(path.join(other.dir, "NOTES.md"), "a later change\n");
    git(other.dir, "add", "-A");
    git(other.dir, "commit", "-q", "-m", "later");
    git(other.dir, "tag", "-f", "v1.2.3");
    const built = await runCli(["release", "--shard", "2/3", "--targets", targets, "--dist", "dist"], {
      cwd: other.dir,
      env: { ...other.env, GOCACHE: merger.env.GOCACHE },
    });
    expect(built.code, built.stderr).toBe(0);
    const dist = path.join(root, "out-commit");
    const result = await runCli(
      ["merge", parts[0]!, path.join(other.dir, "dist"), parts[2]!, "--dist", dist],
      {
        cwd: merger.dir,
        env: merger.env,
      },
    );
    refused(result, /other-commit\/dist was built from another commit .*check out the same commit/, dist);
  });

  it("says what is wrong with a directory that is not a part", async () => {
    const dist = path.join(root, "out-notapart");
    const result = await runCli(["merge", single, "--dist", dist], { cwd: merger.dir, env: merger.env });
    refused(result, /is not a part of a sharded release: its shard\.json is missing/, dist);
  });
});
