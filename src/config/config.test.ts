import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { goreleaserTargets, resolveGoreleaserConfig } from "./goreleaser.js";
import { type LoadedConfig, parseConfigText } from "./load.js";
import { type ProjectFacts, resolveGoshipConfig } from "./resolve.js";

const platforms = ["linux/amd64", "linux/arm64", "linux/arm", "linux/386", "darwin/amd64", "darwin/arm64"]
  .concat(["windows/amd64", "windows/arm64", "windows/386", "freebsd/amd64"])
  .map((p) => ({ goos: p.split("/")[0]!, goarch: p.split("/")[1]!, firstClass: true }));

const facts: ProjectFacts = {
  module: {
    path: "example.com/tool",
    mains: [
      { importPath: "example.com/tool/cmd/api", relativePath: "./cmd/api", binary: "api" },
      { importPath: "example.com/tool/cmd/worker", relativePath: "./cmd/worker", binary: "worker" },
    ],
  },
  platforms,
};

function load(text: string, name = "goship.yaml"): LoadedConfig {
  return {
    file: name,
    name,
    kind: name.includes("goreleaser") ? "goreleaser" : "goship",
    ...parseConfigText(text, name),
  };
}

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return (error.output ?? "").split("\n");
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("goship.yaml validation", () => {
  it("reports an unknown key and a wrong type with path, line and column", () => {
    const text = "project_name: tool\nbuilds:\n  - main: ./cmd/api\n    ldflag: -s\n    cgo: yes please\n";
    expect(problems(() => resolveGoshipConfig(load(text), facts))).toEqual([
      'goship.yaml:5:10: builds[0].cgo: expected boolean or one of "off", "static", "dynamic", got string "yes please"',
      'goship.yaml:4:5: builds[0].ldflag: unknown key "ldflag"; did you mean "ldflags"?',
    ]);
  });

  it("reports unknown targets, templates that do not parse and unknown fields, all at once", () => {
    const text = [
      "builds:",
      "  - main: ./cmd/api",
      "    targets: [linux/amd64, linux/amd46, linux/arm/9]",
      "    binary: '{{ .Bianry }}'",
      "archives:",
      "  - name_template: '{{ .ProjectName }}_{{ .Os '",
      "snapshot:",
      "  version_template: '{{ .Version }}-{{ .Os }}'",
    ].join("\n");
    expect(problems(() => resolveGoshipConfig(load(text), facts))).toEqual([
      'goship.yaml:3:28: builds[0].targets[1]: unknown target "linux/amd46"; nearest valid: linux/amd64, linux/arm64, linux/arm, linux/386, windows/amd64 (all: go tool dist list)',
      'goship.yaml:3:41: builds[0].targets[2]: invalid GOARM level in "linux/arm/9"; valid: linux/arm/5, linux/arm/6, linux/arm/7, linux/arm/5,softfloat, linux/arm/6,hardfloat',
      "goship.yaml:4:13: builds[0].binary: template reads unknown field .Bianry; did you mean .Binary?",
      "goship.yaml:6:20: archives[0].name_template: bad template: archives[0].name_template:1:20: unclosed action: missing }}",
      "goship.yaml:8:21: snapshot.version_template: template reads unknown field .Os (a per-target field, not available here)",
    ]);
  });

  it("points into anchors when a merge key brought the bad value", () => {
    const text = "x: &common\n  cgo: 1\nbuilds:\n  - <<: *common\n    main: ./cmd/api\n";
    const issues = problems(() => resolveGoshipConfig(load(text), facts));
    expect(issues).toContain('goship.yaml:1:1: x: unknown key "x"');
    expect(issues).toContain(
      'goship.yaml:2:8: builds[0].cgo: expected boolean or one of "off", "static", "dynamic", got number 1',
    );
  });

  it("resolves goship's defaults: one build of every main, six targets, docs in a wrapped archive", () => {
    const config = resolveGoshipConfig(load("{}"), facts);
    expect(config.builds).toHaveLength(1);
    expect(config.builds[0]!.mains.map((m) => m.package)).toEqual(["./cmd/api", "./cmd/worker"]);
    expect(config.builds[0]!.targets).toHaveLength(6);
    expect(config.archives[0]).toMatchObject({
      files: [{ kind: "docs" }],
      formats: ["tar.gz"],
      wrapEntry: true,
    });
    expect(config.checksum).toMatchObject({
      combined: "checksums.txt",
      split: "{{ .ArtifactName }}.{{ .Algorithm }}",
    });
  });

  it("expands goos × goarch with levels and ignore rules", () => {
    const text =
      "builds:\n  - goos: [linux, windows]\n    goarch: [amd64, arm]\n    goarm: [6, 7]\n    ignore: [{goos: windows, goarch: arm}, {goarm: 6, goos: linux}]\n";
    const [build] = resolveGoshipConfig(load(text), facts).builds;
    expect(build!.targets).toEqual([
      { goos: "linux", goarch: "amd64" },
      { goos: "linux", goarch: "arm", level: "7" },
      { goos: "windows", goarch: "amd64" },
    ]);
  });

  it("rejects a main package the module does not have", () => {
    expect(problems(() => resolveGoshipConfig(load("builds:\n  - main: ./cmd/nope\n"), facts))).toEqual([
      'goship.yaml:2:11: builds[0].main: "./cmd/nope" is not a main package of the module; main packages: ./cmd/api, ./cmd/worker',
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    expect(problems(() => load("builds:\n  - main: [unclosed\n"))[0]).toMatch(/^goship\.yaml:3:1: /);
  });
});

describe("GoReleaser files", () => {
  it("lists every unimplemented key in one warning and names Pro-only keys", () => {
    const text = [
      "version: 2",
      "project_name: tool",
      "release: { github: { owner: me, name: tool } }",
      "changelog: { sort: asc }",
      "nightly: { version_template: x }",
      "builds:",
      "  - main: ./cmd/api",
      "    command: test",
      "    prebuilt: { path: x }",
      "archives:",
      "  - files: [{ src: LICENSE, info: { owner: root } }]",
      "    meta: true",
      "    templated_files: [{ src: a }]",
    ].join("\n");
    const config = resolveGoreleaserConfig(load(text, ".goreleaser.yaml"), facts, {});
    expect(config.unimplemented).toEqual([
      "release",
      "changelog",
      "builds[0].command",
      "archives[0].meta",
      "nightly (GoReleaser Pro only)",
      "builds[0].prebuilt (GoReleaser Pro only)",
      "archives[0].templated_files (GoReleaser Pro only)",
    ]);
  });

  it("rejects keys GoReleaser does not know, as its strict loader does", () => {
    const text = "version: 2\nbuilds:\n  - main: .\n    goarch: [amd64]\n    ldflag: -s\n";
    expect(problems(() => resolveGoreleaserConfig(load(text, ".goreleaser.yaml"), facts, {}))).toEqual([
      '.goreleaser.yaml:5:5: builds[0].ldflag: unknown key "ldflag" (GoReleaser rejects it too)',
    ]);
  });

  it("builds GoReleaser's default matrix with its default levels", () => {
    const ids = goreleaserTargets({}, {}).map((t) => `${t.goos}_${t.goarch}_${t.level ?? ""}`);
    expect(ids).toEqual([
      "linux_amd64_v1",
      "linux_arm64_v8.0",
      "linux_386_sse2",
      "darwin_amd64_v1",
      "darwin_arm64_v8.0",
      "windows_amd64_v1",
      "windows_arm64_v8.0",
      "windows_386_sse2",
    ]);
  });

  it("expands goarm 6 and 7 and applies ignore rules as GoReleaser does", () => {
    const targets = goreleaserTargets(
      {
        goos: ["linux", "windows", "darwin"],
        goarch: ["amd64", "arm", "arm64"],
        goarm: ["6", "7"],
        ignore: [
          { goos: "windows", goarch: "arm" },
          { goos: "darwin", goarch: "arm" },
          { goarm: "6", goos: "linux" },
        ],
      },
      {},
    );
    expect(targets.map((t) => [t.goos, t.goarch, t.level].join("_"))).toEqual([
      "linux_amd64_v1",
      "linux_arm_7",
      "linux_arm64_v8.0",
      "windows_amd64_v1",
      "windows_arm64_v8.0",
      "darwin_amd64_v1",
      "darwin_arm64_v8.0",
    ]);
    expect(
      goreleaserTargets({ goarch: ["arm"], goos: ["linux"] }, { GORELEASER_EXPERIMENTAL: "defaultgoarm" }),
    ).toEqual([{ goos: "linux", goarch: "arm", level: "7" }]);
  });

  it("applies GoReleaser's defaults: ldflags, archive name, checksum name, snapshot version", () => {
    const config = resolveGoreleaserConfig(load("version: 2\n", ".goreleaser.yaml"), facts, {});
    expect(config.projectName).toBe("tool");
    expect(config.builds[0]).toMatchObject({
      id: "tool",
      mains: [{ package: ".", binary: "tool" }],
      ldflags: [
        "-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser",
      ],
      cgo: undefined,
      flags: [],
    });
    expect(config.archives[0]!.nameTemplate).toBe(
      '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}',
    );
    expect(config.archives[0]!.wrap).toBe("");
    expect(config.checksum).toMatchObject({
      combined: "{{ .ProjectName }}_{{ .Version }}_checksums.txt",
      split: undefined,
    });
    expect(config.snapshot.versionTemplate).toBe("{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}");
  });

  it("reads flags and tags strings as white-space lists, ldflags strings as one item, hooks as command lines", () => {
    const text = [
      "version: 2",
      "builds:",
      "  - flags: -trimpath -v",
      "    tags: netgo osusergo",
      "    ldflags: -s -w -X main.version={{ .Version }}",
      "    hooks:",
      "      pre: go generate ./...",
      "      post: [{ cmd: 'echo {{ .Name }}', dir: docs }]",
      "    env: [CC=$CC_FOR_TARGET]",
    ].join("\n");
    const [build] = resolveGoreleaserConfig(load(text, ".goreleaser.yaml"), facts, {
      CC_FOR_TARGET: "zig cc",
    }).builds;
    expect(build).toMatchObject({
      flags: ["-trimpath", "-v"],
      tags: ["netgo", "osusergo"],
      ldflags: ["-s -w -X main.version={{ .Version }}"],
      env: ["CC=zig cc"],
    });
    expect(build!.hooks.pre[0]).toMatchObject({ kind: "words", cmd: ["go generate ./..."] });
    expect(build!.hooks.post[0]).toMatchObject({ kind: "words", cmd: ["echo {{ .Name }}"], dir: "docs" });
  });
});

describe("build rules", () => {
  it("refuses two builds that make the same binary for the same target", () => {
    const text =
      "builds:\n  - id: a\n    main: ./cmd/api\n  - id: b\n    main: ./cmd/api\n    targets: [linux/amd64]\n";
    expect(problems(() => resolveGoshipConfig(load(text), facts))).toEqual([
      "goship.yaml:4:5: builds[1]: builds[0] already makes api for linux/amd64; give one of them another binary name or other targets",
    ]);
  });
});

describe("GoReleaser overrides, buildmode and tool", () => {
  it("matches overrides by target, the default level filled in, and refuses C library modes", () => {
    const text = [
      "version: 2",
      "builds:",
      "  - goos: [linux]",
      "    goarch: [amd64, arm64]",
      "    goamd64: [v1, v3]",
      "    buildmode: pie",
      "    tool: go1.22.4",
      "    overrides:",
      "      - goos: linux",
      "        goarch: amd64",
      "        tags: [fast]",
      "        env: [CC=x86_64-linux-gnu-gcc]",
      "      - goos: linux",
      "        goarch: arm64",
      "        goarm64: v8.2",
      "        buildmode: exe",
    ].join("\n");
    const [build] = resolveGoreleaserConfig(load(text, ".goreleaser.yaml"), facts, {}).builds;
    expect(build).toMatchObject({ buildmode: "pie", tool: "go1.22.4" });
    expect(build!.overrides).toEqual([
      { target: "linux_amd64_v1", env: ["CC=x86_64-linux-gnu-gcc"], details: { tags: ["fast"] } },
      { target: "linux_arm64_v8.2", env: [], details: { buildmode: "exe" } },
    ]);
    const broken =
      "version: 2\nbuilds:\n  - buildmode: c-shared\n    overrides: [{ goos: linux, tagz: [x] }]\n";
    expect(problems(() => resolveGoreleaserConfig(load(broken, ".goreleaser.yaml"), facts, {}))).toEqual([
      '.goreleaser.yaml:4:32: builds[0].overrides[0].tagz: unknown key "tagz" (GoReleaser rejects it too)',
      ".goreleaser.yaml:3:16: builds[0].buildmode: buildmode c-shared (C libraries and headers) is not supported by goship",
      ".goreleaser.yaml:4:17: builds[0].overrides[0]: an override must set at least goos and goarch",
    ]);
  });
});

describe("GoReleaser file versions", () => {
  it("reads a file without version: 2 as GoReleaser v2 does, with a warning", () => {
    expect(resolveGoreleaserConfig(load("project_name: x\n", ".goreleaser.yaml"), facts, {}).notes).toEqual([
      "the file says no version; it is read as a GoReleaser v2 file (version: 2)",
    ]);
    expect(resolveGoreleaserConfig(load("version: 1\n", ".goreleaser.yaml"), facts, {}).notes).toEqual([
      "the file says version: 1; it is read as a GoReleaser v2 file (version: 2)",
    ]);
    expect(resolveGoreleaserConfig(load("version: 2\n", ".goreleaser.yaml"), facts, {}).notes).toEqual([]);
  });
});
