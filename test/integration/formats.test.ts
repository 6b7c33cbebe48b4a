// GoReleaser's source archives, checksum.extra_files, builds_info and files[].info end to end: the
// formats fixture released with real go and git, read back by tar, sha256sum and `goship verify`,
// and released again from another directory, time zone and umask to the same bytes.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, git, repoRoot } from "../helpers/fixture.js";

const sourceName = "project-1.2.3.tar.gz";
const checksumsName = "project_1.2.3_checksums.txt";

function formatsRepo(parent: string, name: string): string {
  const dir = path.join(parent, name);
  cpSync(path.join(repoRoot, "test/fixtures/goreleaser/formats"), dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "release");
  git(dir, "tag", "v1.2.3");
  git(dir, "remote", "add", "origin", "https://github.com/example/project.git");
  return dir;
}

describe("source archives, extra checksum files and archive header fields", () => {
  let parent: string;
  let dir: string;
  let dist: string;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-formats-"));
    dir = formatsRepo(parent, "project");
    dist = path.join(dir, "dist");
    const result = await runCli(["release", "--dir", dir], { env: { ...process.env, TZ: "UTC" } });
    expect(result.code, result.stderr).toBe(0);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("lists the commit as git archive does, in git's order, then the extra files", () => {
    const ours = tool("tar", ["-tzf", path.join(dist, sourceName)])
      .trim()
      .split("\n");
    const gits = tool("sh", ["-c", "git archive --format=tar --prefix=project-1.2.3/ v1.2.3 | tar -t"], dir)
      .trim()
      .split("\n");
    expect(ours).toEqual([...gits, "project-1.2.3/manual/faq.md", "project-1.2.3/manual/guide.md"]);
    const verbose = tool("tar", ["--numeric-owner", "-tvzf", path.join(dist, sourceName)], undefined, {
      ...process.env,
      TZ: "UTC",
    });
    expect(verbose).toMatch(/-rwxrwxr-x 0\/0 +\d+ 2024-03-01 12:00 project-1\.2\.3\/scripts\/install\.sh/);
    expect(verbose).toMatch(/-r--r--r-- 0\/0 +\d+ 2024-03-01 12:00 project-1\.2\.3\/manual\/faq\.md/);
  });

  it("lists the extra files in checksums.txt with the digests sha256sum computes", () => {
    const lines = readFileSync(path.join(dist, checksumsName), "utf8").trim().split("\n");
    const names = lines.map((l) => l.split("  ")[1]);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(["LICENSE", "faq.md", "guide.md", "project_1.2.3_README.md", sourceName]),
    );
    const extras: Array<[file: string, name: string]> = [
      ["LICENSE", "LICENSE"],
      ["docs/faq.md", "faq.md"],
      ["README.md", "project_1.2.3_README.md"],
    ];
    for (const [file, name] of extras) {
      const hex = tool("sha256sum", [file], dir).split(" ")[0];
      expect(lines, name).toContain(`${hex}  ${name}`);
    }
    expect(
      tool("sha256sum", ["-c", "--ignore-missing", checksumsName], dist).match(/: OK/g)?.length,
    ).toBeGreaterThanOrEqual(3);
  });

  it("stores builds_info and files[].info in the archives' tar headers", () => {
    const listing = tool("tar", ["-tvzf", path.join(dist, "project_1.2.3_linux_amd64.tar.gz")], undefined, {
      ...process.env,
      TZ: "UTC",
    });
    expect(listing).toMatch(/-rwxr-xr-x root\/wheel +\d+ 2024-03-01 12:00 project\n/);
    expect(listing).toMatch(/-rw-r--r-- root\/root +\d+ 2024-03-01 12:00 LICENSE/);
    expect(listing).toMatch(/-rw------- docs\/root +\d+ 2024-03-01 12:00 manual\/faq\.md/);
    expect(tool("tar", ["-tzf", path.join(dist, "project_1.2.3_darwin_all.tar.gz")])).toContain("project");
  });

  it("verifies the source archive and the extra checksum lines", async () => {
    const result = await runCli(["verify", dist]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/project-1\.2\.3\.tar\.gz/);
    const records = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<{
      kind: string;
      name: string;
    }>;
    expect(records.filter((r) => r.kind === "source-archive").map((r) => r.name)).toEqual([sourceName]);
  });

  it("writes the same bytes from another directory, time zone and umask", async () => {
    const other = formatsRepo(path.join(parent, "elsewhere", "deeper"), "project");
    const result = await runCli(["release", "--dir", other], {
      env: { ...process.env, TZ: "Asia/Tokyo", LC_ALL: "C" },
      umask: "077",
    });
    expect(result.code, result.stderr).toBe(0);
    for (const name of [sourceName, checksumsName, "project_1.2.3_linux_amd64.tar.gz"]) {
      expect(
        readFileSync(path.join(other, "dist", name)).equals(readFileSync(path.join(dist, name))),
        name,
      ).toBe(true);
    }
  });
});

describe("a checksum.extra_files glob that names nothing", () => {
  it("fails with one clear error and leaves no checksum file", async () => {
    const dir = copyFixture("repro-clean", { tag: false });
    writeFileSync(
      path.join(dir, "goship.yaml"),
      "targets: [linux/amd64]\nchecksum:\n  extra_files:\n    - glob: ./NOTICE\n",
    );
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "extra files");
    git(dir, "tag", "v1.2.3");
    const result = await runCli(["release", "--dir", dir]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('checksum.extra_files[0].glob "./NOTICE"');
    expect(result.stderr).toContain("file does not exist");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "dist", "checksums.txt"))).toBe(false);
  });
});
