// `goship release --publish` and `goship publish` against a local GitHub API that validates every
// request and response against GitHub's OpenAPI description; real go, real git, one release.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/github-server.js";

let server: FakeGitHub;
let moduleDir: string;
let dist: string;
let first: CliResult;
let parent = "";

const env = (token: string | undefined) => {
  const { GITHUB_TOKEN: _, GITLAB_TOKEN: __, GITEA_TOKEN: ___, ...rest } = process.env;
  return { ...rest, ...(token === undefined ? {} : { GITHUB_TOKEN: token }), HOME: parent };
};

function commit(message: string): void {
  writeFileSync(path.join(moduleDir, "NOTES"), `${message}\n`);
  git(moduleDir, "add", "-A");
  git(moduleDir, "commit", "-q", "-m", message);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe("publishing to a GitHub-compatible server", () => {
  beforeAll(async () => {
    server = await startFakeGitHub();
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-publish-"));
    moduleDir = copyFixture("api", { parent, tag: "v1.0.0" });
    writeFileSync(
      path.join(moduleDir, "goship.yaml"),
      [
        "release:",
        "  github: { owner: acme, name: tool }",
        "github_urls:",
        `  api: ${server.apiUrl}`,
        `  upload: ${server.uploadUrl}`,
        "",
      ].join("\n"),
    );
    git(moduleDir, "add", "-A");
    git(moduleDir, "commit", "-q", "-m", "chore: configure publishing");
    commit("feat: greet in French");
    commit("fix(cli): exit 1 on bad flags");
    commit("docs: explain flags");
    commit("Merge branch 'topic'");
    commit("tidy the README");
    git(moduleDir, "tag", "v1.1.0");
    first = await runCli(
      ["release", "--publish", "--targets", "linux/amd64,windows/amd64", "--dir", moduleDir],
      { env: env(server.token) },
    );
    dist = path.join(moduleDir, "dist");
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it("creates the release for the tag with the changelog as its body and dist's bytes as assets", () => {
    expect(first.stderr).not.toMatch(/⨯/);
    expect(first.code).toBe(0);
    expect(server.violations).toEqual([]);
    const changelog = readFileSync(path.join(dist, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(
      /^## Changelog\n### Features\n\* [0-9a-f]{40} feat: greet in French\n### Bug fixes\n\* [0-9a-f]{40} fix\(cli\): exit 1 on bad flags\n### Others\n\* [0-9a-f]{40} tidy the README\n$/,
    );
    const release = server.release("v1.1.0");
    expect(release).toMatchObject({ draft: false, name: "v1.1.0", body: `${changelog}\n` });
    const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<{
      kind: string;
      name: string;
      path: string;
    }>;
    // Every uploaded kind: archives, checksum files and the provenance statement.
    const expected = artifacts.filter((a) =>
      ["archive", "checksums", "checksum", "provenance"].includes(a.kind),
    );
    expect(expected.map((a) => a.kind)).toContain("checksums");
    expect(release?.assets.map((a) => a.name).sort()).toEqual(expected.map((a) => a.name).sort());
    for (const a of expected) {
      const asset = release?.assets.find((x) => x.name === a.name);
      expect(asset?.bytes.equals(readFileSync(path.join(dist, a.path)))).toBe(true);
    }
  });

  it("changes nothing on a second run", async () => {
    server.requests.length = 0;
    const again = await runCli(["publish", "--dir", moduleDir], { env: env(server.token) });
    expect(again.code).toBe(0);
    expect(server.mutations()).toEqual([]);
    expect(again.stderr).toMatch(/nothing to change/);
    expect(server.releases).toHaveLength(1);
  });

  it("prints what would be published on --dry-run and sends nothing", async () => {
    server.requests.length = 0;
    const dry = await runCli(["publish", "--dir", moduleDir, "--dry-run"], { env: env(undefined) });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/would upload.*checksums.txt/s);
    expect(server.requests).toEqual([]);
  });

  it("stops with one clear error on a missing or rejected token, before any upload", async () => {
    server.requests.length = 0;
    const missing = await runCli(["publish", "--dir", moduleDir], { env: env(undefined) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no GitHub token: set GITHUB_TOKEN/);
    const secret = "ghp_rejected_9f8e7d6c5b4a";
    const rejected = await runCli(["publish", "--dir", moduleDir], { env: env(secret) });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/GitHub rejected the token \(HTTP 401\)/);
    expect(rejected.stderr).not.toMatch(/\n\s+at /);
    expect(`${rejected.stdout}${rejected.stderr}`).not.toContain(secret);
    expect(server.mutations()).toEqual([]);
  });

  it("never writes or prints the token", () => {
    expect(`${first.stdout}${first.stderr}`).not.toContain(server.token);
    for (const file of filesUnder(dist)) expect(readFileSync(file, "latin1")).not.toContain(server.token);
  });
});
