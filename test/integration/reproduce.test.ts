// `release --verify-reproducible` and `goship rebuild` with the real go, git and tar: one test per
// acceptance case of the reproducibility proof.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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

/** Content digest of every file and link under `root` (mtimes left out: caches touch them on use). */
function treeDigest(root: string, skip: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const child = path.join(rel, name);
      if (skip.includes(child)) continue;
      const full = path.join(root, child);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        out.set(`${child}/`, (stat.mode & 0o7777).toString(8));
        walk(child);
      } else {
        const body = stat.isSymbolicLink() ? readlinkSync(full) : readFileSync(full);
        out.set(
          child,
          `${(stat.mode & 0o7777).toString(8)} ${createHash("sha256").update(body).digest("hex")}`,
        );
      }
    }
  };
  walk("");
  return out;
}

function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Rewrites the .sha256 of `archive` and its line in checksums.txt, as a re-packing release tool would. */
function fixChecksums(dist: string, archive: string): void {
  const hex = sha256File(path.join(dist, archive));
  writeFileSync(path.join(dist, `${archive}.sha256`), `${hex}  ${archive}\n`);
  const lines = readFileSync(path.join(dist, "checksums.txt"), "utf8")
    .split("\n")
    .map((line) => (line.endsWith(`  ${archive}`) ? `${hex}  ${archive}` : line));
  writeFileSync(path.join(dist, "checksums.txt"), lines.join("\n"));
}

/** Extracts a tar.gz, lets `change` alter the tree, and packs it again with GNU tar and `flags`. */
function repack(
  dist: string,
  archive: string,
  flags: string[],
  change: (dir: string) => void = () => {},
): void {
  const work = tempDir("goship-repack-");
  tool("tar", ["-xzf", path.join(dist, archive), "-C", work]);
  change(work);
  const top = archive.replace(/\.tar\.gz$/, "");
  tool("tar", ["--sort=name", ...flags, "-czf", path.join(dist, archive), "-C", work, top]);
  fixChecksums(dist, archive);
}

describe("release --verify-reproducible on a clean module", () => {
  let parent: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let result: Awaited<ReturnType<typeof runCli>>;
  let treeBefore: Map<string, string>;
  let cacheBefore: Map<string, string>;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-repro-"));
    dir = copyFixture("repro-clean", { parent, name: "repro" });
    // A GOCACHE of the test's own, warmed by a plain release, so a change to it would show.
    env = {
      ...process.env,
      GOCACHE: path.join(parent, "gocache"),
      GOSHIP_CACHE_DIR: path.join(parent, "cache"),
    };
    const plain = await runCli(["release", "--dir", dir, "--dist", path.join(parent, "plain")], { env });
    expect(plain.code, plain.stderr).toBe(0);
    treeBefore = treeDigest(dir);
    cacheBefore = treeDigest(env.GOCACHE!);
    result = await runCli(
      ["release", "--dir", dir, "--dist", path.join(parent, "verified"), "--verify-reproducible"],
      {
        env,
      },
    );
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("passes for every default target and archive, and records both digests of each", () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("21 of 21 artifacts reproduced");
    const dist = path.join(parent, "verified");
    const report = JSON.parse(readFileSync(path.join(dist, "reproducibility.json"), "utf8")) as {
      verdict: string;
      reproduced: number;
      total: number;
      artifacts: Array<{ path: string; verdict: string; sha256: { release: string; rebuild: string } }>;
      rebuild: { environment: Array<{ name: string; user: string; rebuild: string }> };
    };
    expect(report).toMatchObject({ verdict: "reproduced", reproduced: 21, total: 21 });
    for (const target of defaultTargets) {
      const archive = `repro-v1.2.3-${target}.${target.startsWith("windows") ? "zip" : "tar.gz"}`;
      const entry = report.artifacts.find((a) => a.path === archive);
      expect(entry?.verdict, archive).toBe("reproduced");
      expect(entry?.sha256.rebuild).toBe(sha256File(path.join(dist, archive)));
      expect(entry?.sha256.release).toBe(entry?.sha256.rebuild);
    }
    const changed = report.rebuild.environment.map((e) => e.name);
    expect(changed).toEqual(
      expect.arrayContaining(["source", "HOME", "TMPDIR", "GOCACHE", "TZ", "LANG", "umask"]),
    );
    // The report is published with the release and listed in artifacts.json.
    const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<{
      path: string;
    }>;
    expect(artifacts.map((a) => a.path)).toContain("reproducibility.json");
  });

  it("publishes the same bytes as a release without verification", () => {
    const plain = treeDigest(path.join(parent, "plain"), ["artifacts.json"]);
    const verified = treeDigest(path.join(parent, "verified"), ["artifacts.json", "reproducibility.json"]);
    expect(verified).toEqual(plain);
  });

  it("leaves the work tree and the user's GOCACHE unchanged", () => {
    expect(treeDigest(dir)).toEqual(treeBefore);
    expect(treeDigest(env.GOCACHE!)).toEqual(cacheBefore);
  });
});

describe("release --verify-reproducible on a module that embeds an ignored file", () => {
  it("fails and names the untracked file the build reads", async () => {
    const dir = copyFixture("repro-embed");
    writeFileSync(path.join(dir, "secret.txt"), "only on this machine\n");
    expect(git(dir, "status", "--porcelain")).toBe("");
    const dist = path.join(path.dirname(dir), "dist");
    const result = await runCli([
      "release",
      "--dir",
      dir,
      "--dist",
      dist,
      "--targets",
      "linux/amd64",
      "--verify-reproducible",
    ]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the build reads secret.txt, which git does not track");
    expect(result.stderr).toMatch(/untracked input: secret\.txt/);
    expect(result.stderr).toContain("secret.txt (ignored by git)");
    // Nothing of the release is published; the report stays to be read.
    expect(readdirSync(dist).filter((n) => !n.startsWith("."))).toEqual(["reproducibility.json"]);
    const report = JSON.parse(readFileSync(path.join(dist, "reproducibility.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(report).toMatchObject({
      verdict: "rebuild failed",
      untrackedInputs: [{ path: "secret.txt", ignored: true }],
    });
  });
});

describe("release --verify-reproducible with a config file git ignores", () => {
  it("fails and names the config file as an untracked input", async () => {
    const dir = copyFixture("repro-clean");
    writeFileSync(path.join(dir, ".git", "info", "exclude"), "goship.yaml\n");
    writeFileSync(path.join(dir, "goship.yaml"), "project_name: renamed\n");
    const dist = path.join(path.dirname(dir), "dist");
    const result = await runCli([
      "release",
      "--dir",
      dir,
      "--dist",
      dist,
      "--targets",
      "linux/amd64",
      "--verify-reproducible",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/untracked input: goship\.yaml/);
    expect(result.stderr).toContain("goship.yaml (ignored by git)");
  });
});

describe("release --verify-reproducible on a dirty tree", () => {
  it("says plainly that a clean clone cannot prove it, before building anything", async () => {
    const dir = copyFixture("repro-clean");
    writeFileSync(
      path.join(dir, "main.go"),
      `${readFileSync(path.join(dir, "main.go"), "utf8")}\n// edited\n`,
    );
    const dist = path.join(path.dirname(dir), "dist");
    const result = await runCli([
      "release",
      "--dir",
      dir,
      "--dist",
      dist,
      "--snapshot",
      "--verify-reproducible",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("uncommitted changes that a clean clone");
    expect(result.stderr).toContain("cannot be proven reproducible");
    expect(result.stderr).toContain("main.go");
    expect(result.stderr).not.toContain("building and archiving");
  });
});

describe("goship rebuild of a published release", () => {
  let parent: string;
  let dir: string;
  let published: string;
  let env: NodeJS.ProcessEnv;
  const targets = "linux/amd64,windows/amd64";
  const archive = "repro-v1.2.3-linux-amd64.tar.gz";

  /** A copy of the published dist to tamper with. */
  const copyDist = () => {
    const copy = path.join(tempDir("goship-published-"), "dist");
    cpSync(published, copy, { recursive: true });
    return copy;
  };

  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-rebuild-"));
    dir = copyFixture("repro-clean", { parent, name: "repro" });
    env = {
      ...process.env,
      GOCACHE: path.join(parent, "gocache"),
      GOSHIP_CACHE_DIR: path.join(parent, "cache"),
    };
    published = path.join(parent, "published");
    const result = await runCli(["release", "--dir", dir, "--dist", published, "--targets", targets], {
      env,
    });
    expect(result.code, result.stderr).toBe(0);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("reproduces an untouched release and changes nothing: work tree, dist, GOCACHE", async () => {
    const before = [treeDigest(dir), treeDigest(published), treeDigest(env.GOCACHE!)];
    const result = await runCli(["rebuild", published, "--dir", dir, "--json"], { env });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("9 of 9 artifacts reproduced");
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: "reproduced", reproduced: 9, total: 9 });
    expect([treeDigest(dir), treeDigest(published), treeDigest(env.GOCACHE!)]).toEqual(before);
  });

  it("checks a release from its checksums.txt and metadata.json alone", async () => {
    const only = tempDir("goship-checksums-");
    for (const name of ["checksums.txt", "metadata.json"])
      cpSync(path.join(published, name), path.join(only, name));
    const result = await runCli(["rebuild", path.join(only, "checksums.txt"), "--dir", dir], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("4 of 4 artifacts reproduced");
  });

  it("names the archive, the entry and the fields of an archive re-packed with other owners and times", async () => {
    const dist = copyDist();
    repack(dist, archive, ["--owner=runner:1001", "--group=docker:118", "--mtime=2024-05-01 00:00:00Z"]);
    expect(tool("sha256sum", ["-c", "checksums.txt"], dist)).toContain(`${archive}: OK`);
    const result = await runCli(["rebuild", dist, "--dir", dir, "--diffoscope"], { env });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("3 of 9 artifacts differ from an independent rebuild");
    expect(result.stderr).toContain(`${archive}: differs`);
    expect(result.stderr).toMatch(/entry repro-v1\.2\.3-linux-amd64\/README\.md: .*uid 1001 → 0/);
    expect(result.stderr).toMatch(/entry repro-v1\.2\.3-linux-amd64\/README\.md: .*uname runner → root/);
    expect(result.stderr).toMatch(
      /entry repro-v1\.2\.3-linux-amd64\/README\.md: .*mtime 2024-05-01T00:00:00Z → 2024-03-01T12:00:00Z/,
    );
    expect(result.stderr).toContain(`${archive}.sha256: differs`);
    expect(result.stderr).toContain(`follows from ${archive}`);
    expect(result.stderr).toContain("likely cause: archive entries carry other owners");
    if (existsSync("/usr/bin/diffoscope")) expect(result.stderr).toContain(`diffoscope ${archive}:`);
    else expect(result.stderr).toContain("diffoscope is not installed");
  });

  it("names a binary built with other -ldflags and shows its build-info and section differences", async () => {
    const dist = copyDist();
    const binary = path.join(dist, "bin", "repro-v1.2.3-linux-amd64");
    const sha = git(dir, "rev-parse", "HEAD");
    // Same stamps, but without -trimpath, -s -w and -buildid=.
    tool("go", ["build", `-ldflags=-X main.version=v1.2.3 -X main.commit=${sha}`, "-o", binary, "."], dir, {
      ...env,
      CGO_ENABLED: "0",
      GOOS: "linux",
      GOARCH: "amd64",
      GOFLAGS: "-mod=readonly",
    });
    repack(
      dist,
      archive,
      ["--format=ustar", "--owner=root:0", "--group=root:0", `--mtime=@${commitTime}`],
      (work) => cpSync(binary, path.join(work, "repro-v1.2.3-linux-amd64", "repro")),
    );
    const result = await runCli(["rebuild", dist, "--dir", dir], { env });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bin/repro-v1.2.3-linux-amd64: differs");
    expect(result.stderr).toMatch(/build info: build -ldflags "?-X main\.version=v1\.2\.3/);
    expect(result.stderr).toContain("build info: build -trimpath (absent) → true");
    expect(result.stderr).toMatch(
      /sections only in the release: .*\.symtab \(offset 0x[0-9a-f]+, \d+ bytes\)/,
    );
    expect(result.stderr).toMatch(/section \.text: differs from \+0x[0-9a-f]+ \(offset 0x/);
    // The archive holding it points at the binary's diagnosis instead of repeating it.
    expect(result.stderr).toContain("entry repro-v1.2.3-linux-amd64/repro: ");
    expect(result.stderr).toContain("the same binary as bin/repro-v1.2.3-linux-amd64");
    expect(result.stderr).toContain("likely cause: other build flags or settings (build -ldflags");
  });
});
