// Config end to end: GoReleaser fixtures get GoReleaser's names, argv and environment; goship.yaml
// drives builds, hooks, archives and checksums; `goship check` reports problems with their lines.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArchive } from "../../src/archive/read/index.js";
import { createRecordingLogger } from "../../src/log/logger.js";
import { createExec, type Exec, type ExecOptions } from "../../src/process/exec.js";
import { release } from "../../src/release.js";
import { runCli } from "../helpers/cli.js";
import { copyFixture, git, repoRoot, tempDir } from "../helpers/fixture.js";

interface GoCall {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** A real exec that also records every `go build`. */
function recordingExec(calls: GoCall[]): Exec {
  const exec = createExec();
  return (command, args, options: ExecOptions) => {
    if (command === "go" && args[0] === "build")
      calls.push({ args, env: options.env ?? {}, cwd: options.cwd });
    return exec(command, args, options);
  };
}

/** GoReleaser fixture as a tagged repository with a remote, as projects have them. */
function goreleaserFixture(name: string): string {
  const dir = path.join(tempDir(), name);
  cpSync(path.join(repoRoot, "test/fixtures/goreleaser", name), dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "release");
  git(dir, "tag", "v1.2.3");
  git(dir, "remote", "add", "origin", "https://github.com/example/project.git");
  return dir;
}

/** The environment both tools are compared in: no GOFLAGS, no `go env -w` file, no cache reuse. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOENV: "off", GOTOOLCHAIN: "local" };
  delete env.GOFLAGS;
  delete env.SOURCE_DATE_EPOCH;
  return env;
}

async function run(dir: string, snapshot = false) {
  const calls: GoCall[] = [];
  const logger = createRecordingLogger();
  const result = await release({
    dir,
    snapshot,
    cache: false,
    env: cleanEnv(),
    exec: recordingExec(calls),
    logger,
  });
  // Every dist made from a GoReleaser file passes `goship verify` on its own, like a zero-config one.
  const verified = await runCli(["verify", result.distDir], { env: cleanEnv() });
  expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  const published = (kind: string) =>
    result.artifacts
      .filter((a) => a.kind === kind)
      .map((a) => a.name)
      .sort();
  const buildFor = (output: string) => {
    const call = calls.find((c) => c.args[c.args.indexOf("-o") + 1]?.endsWith(output));
    if (!call) throw new Error(`no go build wrote ${output}`);
    const args = call.args.map((a) => (path.isAbsolute(a) ? "<output>" : a));
    return { ...call, args };
  };
  return { result, logger, calls, published, buildFor };
}

const short = (dir: string) => git(dir, "rev-parse", "--short", "HEAD").trim();
const full = (dir: string) => git(dir, "rev-parse", "HEAD").trim();

describe("GoReleaser files", () => {
  it("multi: two builds, goarm 6/7 with ignores, uname-style names, zip on windows, custom files", async () => {
    const dir = goreleaserFixture("multi");
    const { published, buildFor, logger, result } = await run(dir);
    expect(published("archive")).toEqual([
      "acme_Darwin_arm64.tar.gz",
      "acme_Darwin_x86_64.tar.gz",
      "acme_Linux_arm64.tar.gz",
      "acme_Linux_armv6.tar.gz",
      "acme_Linux_armv7.tar.gz",
      "acme_Linux_x86_64.tar.gz",
      "acme_Windows_arm64.zip",
      "acme_Windows_x86_64.zip",
    ]);
    expect(published("checksums")).toEqual(["acme_1.2.3_SHA256SUMS"]);
    expect(published("checksum")).toEqual([]);
    const binaries = result.artifacts.filter((a) => a.kind === "binary").map((a) => a.path);
    expect(binaries.sort()).toEqual(
      [
        "darwin_amd64_v1",
        "darwin_arm64_v8.0",
        "linux_amd64_v1",
        "linux_arm64_v8.0",
        "linux_arm_6",
        "linux_arm_7",
      ]
        .flatMap((t) => [`tool_${t}/tool`, `toolctl_${t}/toolctl`])
        .concat(["tool_windows_amd64_v1/tool.exe", "tool_windows_arm64_v8.0/tool.exe"])
        .concat(["toolctl_windows_amd64_v1/toolctl.exe", "toolctl_windows_arm64_v8.0/toolctl.exe"])
        .sort(),
    );
    // GoReleaser's go build line: its flags, one -ldflags (the quoted value kept for cmd/go), -o, main.
    const build = buildFor("tool_linux_arm_7/tool");
    expect(build.args).toEqual([
      "build",
      "-trimpath",
      `-ldflags=-s -w -X example.com/acme/tool/internal/version.Version=1.2.3 -X example.com/acme/tool/internal/version.Commit=${short(dir)} -X example.com/acme/tool/internal/version.Date=2024-03-01T12:00:00Z -X "example.com/acme/tool/internal/version.BuiltBy=Acme Release Team"`,
      "-o",
      "<output>",
      "./cmd/tool",
    ]);
    expect(build.cwd).toBe(dir);
    expect(build.env).toMatchObject({
      CGO_ENABLED: "0",
      GOOS: "linux",
      GOARCH: "arm",
      GOARM: "7",
      GOAMD64: "",
      GOARM64: "",
      GO386: "",
      GOMIPS: "",
      GOMIPS64: "",
      GOPPC64: "",
      GORISCV64: "",
    });
    const zip = await readArchive(readFileSync(path.join(dir, "dist/acme_Windows_x86_64.zip")));
    expect(zip.entries.map((e) => e.name).sort()).toEqual([
      "README.md",
      "completions/_tool.zsh",
      "completions/tool.bash",
      "docs/guide/index.md",
      "docs/usage.md",
      "legal/LICENSE.txt",
      "tool.exe",
      "toolctl.exe",
    ]);
    const warnings = logger.records
      .filter((r) => r.level === "warn")
      .map((r) => `${r.message} ${JSON.stringify(r.fields)}`);
    // changelog and release are read now (publishing acts on them): no "not acted on" warning.
    expect(warnings.join("\n")).not.toMatch(/"keys":"[^"]*\b(changelog|release)\b/);
    expect(existsSync(path.join(dir, "dist/tool_linux_arm_7/tool"))).toBe(true);
  });

  it("defaults: GoReleaser's default targets, archive and checksum names, project name from the remote", async () => {
    const dir = goreleaserFixture("defaults");
    const { published, buildFor } = await run(dir);
    expect(published("archive")).toEqual([
      "project_1.2.3_darwin_amd64.tar.gz",
      "project_1.2.3_darwin_arm64.tar.gz",
      "project_1.2.3_linux_386.tar.gz",
      "project_1.2.3_linux_amd64.tar.gz",
      "project_1.2.3_linux_arm64.tar.gz",
      "project_1.2.3_windows_386.zip",
      "project_1.2.3_windows_amd64.zip",
      "project_1.2.3_windows_arm64.zip",
    ]);
    expect(published("checksums")).toEqual(["project_1.2.3_checksums.txt"]);
    const build = buildFor("project_windows_386_sse2/project.exe");
    // No -trimpath, -mod or -buildvcs: GoReleaser passes none by default.
    expect(build.args).toEqual([
      "build",
      `-ldflags=-s -w -X main.version=1.2.3 -X main.commit=${full(dir)} -X main.date=2024-03-01T12:00:00Z`,
      "-o",
      "<output>",
      ".",
    ]);
    expect(build.env).toMatchObject({ CGO_ENABLED: "0", GOOS: "windows", GOARCH: "386", GO386: "sse2" });
  });

  it("split (snapshot): version template, binary format, amd64 v1/v3 with an override, split sha512 digests", async () => {
    const dir = goreleaserFixture("split");
    const { published, buildFor } = await run(dir, true);
    const version = `1.2.3-dev+${short(dir)}`;
    const targets = ["darwin_amd64", "darwin_amd64v3", "linux_386", "linux_amd64", "linux_amd64v3"];
    expect(published("archive")).toEqual(
      targets.flatMap((t) => [`gizmo_${version}_${t}`, `gizmo_${version}_${t}.tar.gz`]).sort(),
    );
    // checksum.ids: only the "bundles" archives get a checksum file.
    expect(published("checksum")).toEqual(targets.map((t) => `gizmo_${version}_${t}.tar.gz.sha512`).sort());
    const digest = readFileSync(path.join(dir, `dist/gizmo_${version}_linux_amd64.tar.gz.sha512`), "utf8");
    expect(digest).toMatch(/^[0-9a-f]{128}$/);
    const build = buildFor("gizmo_linux_amd64_v3/gizmo");
    expect(build.args).toEqual([
      "build",
      "-trimpath",
      "-tags=netgo,osusergo,avx2",
      `-ldflags=-s -w -X main.version=${version}`,
      "-buildmode=pie",
      "-o",
      "<output>",
      "./cmd/gizmo",
    ]);
    expect(build.env).toMatchObject({ GOOS: "linux", GOARCH: "amd64", GOAMD64: "v3", CGO_ENABLED: "0" });
    const tar = await readArchive(readFileSync(path.join(dir, `dist/gizmo_${version}_linux_amd64v3.tar.gz`)));
    expect(tar.entries.map((e) => e.name)).toEqual([`gizmo_${version}_linux_amd64v3/gizmo`]);
  });
});

describe("goship.yaml", () => {
  it("drives builds, hooks, stamps, archives and checksums", async () => {
    const dir = goreleaserFixture("multi");
    writeFileSync(
      path.join(dir, "goship.yaml"),
      [
        "project_name: acme",
        "before:",
        "  hooks:",
        "    - [go, env, GOOS]",
        "builds:",
        "  - id: tool",
        "    main: ./cmd/tool",
        "    targets: [linux/amd64, linux/arm/6, windows/amd64]",
        "    flags: [-v]",
        "    stamps:",
        '      example.com/acme/tool/internal/version.Version: "{{ .Version }}"',
        '      example.com/acme/tool/internal/version.BuiltBy: "Acme {{ .Os }} team"',
        "    hooks:",
        "      post:",
        '        - cmd: "echo built {{ .Name }} > built-{{ .Target }}.txt"',
        "          shell: true",
        "archives:",
        "  - name_template: '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .ArchVariant }}'",
        "    wrap_in_directory: false",
        "    files: [LICENSE, { src: 'docs/**/*.md', dst: manual }]",
        "checksum:",
        "  algorithm: sha512",
        "  split: false",
        "  name_template: SHA512SUMS",
        "",
      ].join("\n"),
    );
    // The post hooks write into the tree: ignored, as a project ignores generated files, or every
    // later build would record a modified tree (vcs.modified=true) and fail `goship verify`.
    writeFileSync(path.join(dir, ".gitignore"), "built-*.txt\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "goship config");
    git(dir, "tag", "-f", "v1.3.0");
    const { published, buildFor } = await run(dir);
    expect(published("archive")).toEqual([
      "acme_v1.3.0_linux_amd64.tar.gz",
      "acme_v1.3.0_linux_armv6.tar.gz",
      "acme_v1.3.0_windows_amd64.zip",
    ]);
    expect(published("checksums")).toEqual(["SHA512SUMS"]);
    expect(readFileSync(path.join(dir, "dist/SHA512SUMS"), "utf8")).toMatch(
      /^[0-9a-f]{128} {2}acme_v1\.3\.0_linux_amd64\.tar\.gz$/m,
    );
    const build = buildFor("bin/tool-v1.3.0-linux-armv6");
    expect(build.args).toEqual([
      "build",
      "-trimpath",
      "-mod=readonly",
      "-buildvcs=true",
      "-v",
      "-ldflags=-s -w -buildid= -X example.com/acme/tool/internal/version.Version=v1.3.0 -X 'example.com/acme/tool/internal/version.BuiltBy=Acme linux team'",
      "-o",
      "<output>",
      "./cmd/tool",
    ]);
    expect(build.env).toMatchObject({
      CGO_ENABLED: "0",
      GOOS: "linux",
      GOARCH: "arm",
      GOARM: "6",
      GOFLAGS: "-mod=readonly",
    });
    expect(readFileSync(path.join(dir, "built-linux_arm_6.txt"), "utf8")).toBe("built tool\n");
    const tar = await readArchive(readFileSync(path.join(dir, "dist/acme_v1.3.0_linux_amd64.tar.gz")));
    // As in GoReleaser (gobwas/glob), docs/**/*.md needs a folder under docs/, and the matches go
    // under dst relative to their common folder.
    expect(tar.entries.map((e) => e.name)).toEqual(["LICENSE", "manual/index.md", "tool"]);
  });

  it("goship check lists every problem with its line and exits non-zero", async () => {
    const dir = goreleaserFixture("defaults");
    const file = path.join(dir, "broken.yaml");
    writeFileSync(
      file,
      "builds:\n  - targets: [linux/amd64, plan9/arm64]\n    ldflags: 3\n    tag: [netgo]\n",
    );
    const bad = await runCli(["check", "--dir", dir, "--config", file], { env: cleanEnv() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "broken.yaml:3:14: builds[0].ldflags: expected string or a list, got number 3",
    );
    expect(bad.stderr).toContain('broken.yaml:4:5: builds[0].tag: unknown key "tag"');
    writeFileSync(file, "builds:\n  - targets: [linux/amd64, plan9/arm64]\n    binary: '{{ .Nmae }}'\n");
    const targets = await runCli(["check", "--dir", dir, "--config", file], { env: cleanEnv() });
    expect(targets.code).toBe(1);
    expect(targets.stderr).toMatch(
      /broken\.yaml:2:28: builds\[0\]\.targets\[1\]: unknown target "plan9\/arm64"/,
    );
    expect(targets.stderr).toContain(
      "broken.yaml:3:13: builds[0].binary: template reads unknown field .Nmae",
    );
    const good = await runCli(["check", "--dir", dir], { env: cleanEnv() });
    expect(good.code).toBe(0);
    expect(good.stderr).toContain("✓ .goreleaser.yaml is valid (1 build(s), 8 target(s), 1 archive(s))");
  });

  it("takes dist and parallelism from the config, and --dist over it", async () => {
    const dir = copyFixture("api");
    writeFileSync(path.join(dir, "goship.yaml"), "dist: out\nparallelism: 1\ntargets: [linux/amd64]\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "config");
    git(dir, "tag", "-f", "v1.2.4");
    const built = await runCli(["build", "--dir", dir], { env: cleanEnv() });
    expect(built.code).toBe(0);
    expect(existsSync(path.join(dir, "out/bin/api-v1.2.4-linux-amd64"))).toBe(true);
    const elsewhere = path.join(tempDir(), "dist");
    const released = await runCli(["release", "--dir", dir, "--dist", elsewhere], { env: cleanEnv() });
    expect(released.code).toBe(0);
    expect(existsSync(path.join(elsewhere, "api-v1.2.4-linux-amd64.tar.gz"))).toBe(true);
  });

  it("says which template makes two archives share a name", async () => {
    const dir = copyFixture("api");
    const config = path.join(tempDir(), "goship.yaml");
    writeFileSync(config, 'archives:\n  - name_template: "{{ .ProjectName }}-{{ .Version }}"\n');
    const result = await runCli(
      ["release", "--dir", dir, "--config", config, "--targets", "linux/amd64,darwin/arm64"],
      { env: cleanEnv() },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "two artifacts would both be named api-v1.2.3.tar.gz; make archives[0].name_template tell them apart",
    );
  });

  it("the config goship init writes reproduces the zero-config release byte for byte", async () => {
    const dir = copyFixture("api");
    const outside = tempDir();
    expect((await runCli(["init", "--dir", dir], { env: cleanEnv() })).code).toBe(0);
    renameSync(path.join(dir, "goship.yaml"), path.join(outside, "goship.yaml"));
    const targets = ["--targets", "linux/amd64,windows/arm64,linux/arm/7", "--no-cache"];
    const digests = (dist: string) =>
      (readdirSync(dist, { recursive: true }) as string[])
        .sort()
        .map((f) => `${f} ${hashOf(path.join(dist, f))}`);
    const zero = await runCli(["release", "--dir", dir, "--dist", path.join(outside, "zero"), ...targets], {
      env: cleanEnv(),
    });
    const configured = await runCli(
      [
        "release",
        "--dir",
        dir,
        "--dist",
        path.join(outside, "init"),
        "--config",
        path.join(outside, "goship.yaml"),
        ...targets,
      ],
      { env: cleanEnv() },
    );
    expect([zero.code, configured.code]).toEqual([0, 0]);
    // The provenance statement names the config file it was made with (and artifacts.json lists
    // that statement's digest): those two differ by design, everything else is the same bytes.
    const provenance = /^(api\.intoto\.jsonl|artifacts\.json) /;
    const released = (dist: string) =>
      digests(path.join(outside, dist)).filter((line) => !provenance.test(line));
    expect(released("init")).toEqual(released("zero"));
    const withoutProvenance = (dist: string) =>
      (
        JSON.parse(readFileSync(path.join(outside, dist, "artifacts.json"), "utf8")) as { name: string }[]
      ).filter((a) => a.name !== "api.intoto.jsonl");
    expect(withoutProvenance("init")).toEqual(withoutProvenance("zero"));
    expect(readFileSync(path.join(outside, "init", "api.intoto.jsonl"), "utf8")).not.toBe(
      readFileSync(path.join(outside, "zero", "api.intoto.jsonl"), "utf8"),
    );
  });
});

/** The digest of a file, or "dir" for a folder. */
function hashOf(file: string): string {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return "dir";
  }
}
