// `goship ci github|gitlab` writes pipelines that the real linters accept: actionlint for GitHub
// Actions, and GitLab's published CI JSON schema (vendored by check-jsonschema).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { git, tempDir } from "../helpers/fixture.js";
import { hasTool, runTool } from "../helpers/tools.js";

function repo(): string {
  const dir = tempDir("goship-ci-");
  git(dir, "init", "-q", "-b", "main");
  return dir;
}

describe.skipIf(!hasTool("actionlint"))("goship ci github", () => {
  it("writes a sharded release workflow that actionlint accepts", async () => {
    const dir = repo();
    const result = await runCli(["ci", "github", "--shards", "4", "--dir", dir]);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(dir, ".github/workflows/release.yml");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("shard: [1, 2, 3, 4]");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(text).toContain("goship release --shard ${{ matrix.shard }}/4");
    expect(text).toContain("goship merge parts/* --dist dist");
    const lint = runTool("actionlint", ["-oneline", file], { cwd: dir });
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
    // The linter is real: a broken matrix reference fails it.
    const broken = path.join(dir, ".github/workflows/broken.yml");
    writeFileSync(broken, text.replace("matrix.shard }}/4", "matrix.shards }}/4"));
    expect(runTool("actionlint", ["-oneline", broken], { cwd: dir }).status).toBe(1);
  });

  it("never overwrites an existing workflow", async () => {
    const dir = repo();
    mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(path.join(dir, ".github/workflows/release.yml"), "mine\n");
    const result = await runCli(["ci", "github", "--dir", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already exists; goship never overwrites it/);
    expect(readFileSync(path.join(dir, ".github/workflows/release.yml"), "utf8")).toBe("mine\n");
  });
});

describe.skipIf(!hasTool("check-jsonschema"))("goship ci gitlab", () => {
  it("writes a pipeline that GitLab's CI schema accepts", async () => {
    const dir = repo();
    const result = await runCli(["ci", "gitlab", "--dir", dir]);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(dir, ".gitlab-ci.yml");
    const check = runTool("check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", file]);
    expect(check.stdout + check.stderr).toContain("ok -- validation done");
    expect(check.status).toBe(0);
    const broken = path.join(dir, "broken.yml");
    writeFileSync(
      broken,
      readFileSync(file, "utf8").replace("  stage: build\n", "  stage: build\n  when: sometimes\n"),
    );
    expect(runTool("check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", broken]).status).toBe(1);
  });
});
