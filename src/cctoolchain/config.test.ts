// How cgo settings arrive from goship.yaml and from GoReleaser files.
import { describe, expect, it } from "vitest";
import { resolveGoreleaserConfig } from "../config/goreleaser.js";
import { type LoadedConfig, parseConfigText } from "../config/load.js";
import { type ProjectFacts, resolveGoshipConfig } from "../config/resolve.js";

const facts: ProjectFacts = {
  module: {
    path: "example.com/tool",
    mains: [{ importPath: "example.com/tool", relativePath: ".", binary: "tool" }],
  },
  platforms: ["linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64"].map((p) => {
    const [goos = "", goarch = ""] = p.split("/");
    return { goos, goarch, firstClass: true };
  }),
};

const load = (text: string, name: string): LoadedConfig => ({
  file: name,
  name,
  kind: name.includes("goreleaser") ? "goreleaser" : "goship",
  ...parseConfigText(text, name),
});

describe("cgo in goship.yaml", () => {
  it("reads off/static/dynamic and true/false, and leaves detection to the build when unset", () => {
    const cgoOf = (line: string) =>
      resolveGoshipConfig(load(`builds:\n  - main: .\n${line}`, "goship.yaml"), facts).builds[0]?.cgo;
    expect(cgoOf("")).toBe("auto");
    expect(cgoOf("    cgo: static\n")).toBe("static");
    expect(cgoOf("    cgo: dynamic\n")).toBe("dynamic");
    expect(cgoOf("    cgo: true\n")).toBe("dynamic");
    expect(cgoOf("    cgo: false\n")).toBe("off");
  });
});

describe("cgo in GoReleaser files", () => {
  it("keeps goreleaser-cross style CC/CXX templates and per-target overrides for the build's env", () => {
    const text = [
      "version: 2",
      "builds:",
      "  - env:",
      "      - CGO_ENABLED=1",
      '      - CC={{ if eq .Arch "arm64" }}aarch64-linux-gnu-gcc{{ else }}gcc{{ end }}',
      '      - CXX={{ if eq .Arch "arm64" }}aarch64-linux-gnu-g++{{ else }}g++{{ end }}',
      "    goos: [linux, darwin]",
      "    goarch: [amd64, arm64]",
      "    overrides:",
      "      - goos: darwin",
      "        goarch: arm64",
      "        env: [CC=oa64-clang, CXX=oa64-clang++]",
    ].join("\n");
    const [build] = resolveGoreleaserConfig(load(text, ".goreleaser.yaml"), facts, {}).builds;
    // GoReleaser's builds leave CGO_ENABLED and CC to their env: goship chooses no C toolchain.
    expect(build!.cgo).toBeUndefined();
    expect(build!.env).toContain('CC={{ if eq .Arch "arm64" }}aarch64-linux-gnu-gcc{{ else }}gcc{{ end }}');
    expect(build!.overrides).toEqual([
      { target: "darwin_arm64_v8.0", env: ["CC=oa64-clang", "CXX=oa64-clang++"], details: {} },
    ]);
  });
});
