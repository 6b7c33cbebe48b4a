import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { convertGoreleaser, initialConfig } from "./init.js";
import { type LoadedConfig, loadConfigFile, parseConfigText } from "./load.js";
import { type ProjectFacts, resolveGoshipConfig } from "./resolve.js";

const platforms = ["linux/amd64", "linux/arm64", "linux/arm", "darwin/amd64", "darwin/arm64", "windows/amd64"]
  .concat(["windows/arm64", "linux/386", "windows/386"])
  .map((p) => ({ goos: p.split("/")[0]!, goarch: p.split("/")[1]!, firstClass: true }));

const facts: ProjectFacts = {
  module: {
    path: "example.com/acme/tool",
    mains: [
      { importPath: "example.com/acme/tool/cmd/tool", relativePath: "./cmd/tool", binary: "tool" },
      { importPath: "example.com/acme/tool/cmd/toolctl", relativePath: "./cmd/toolctl", binary: "toolctl" },
    ],
  },
  platforms,
};

const asGoship = (text: string): LoadedConfig => ({
  file: "goship.yaml",
  name: "goship.yaml",
  kind: "goship",
  ...parseConfigText(text, "goship.yaml"),
});

describe("goship init", () => {
  it("writes a commented config that spells out the defaults and validates", () => {
    const text = initialConfig({ modulePath: facts.module.path, mains: facts.module.mains });
    expect(text).toMatch(/^# goship configuration/);
    expect(text).toContain("main: [./cmd/tool, ./cmd/toolctl]");
    const config = resolveGoshipConfig(asGoship(text), facts);
    expect(config.builds[0]!.targets.map((t) => `${t.goos}/${t.goarch}`)).toEqual([
      "linux/amd64",
      "linux/arm64",
      "darwin/amd64",
      "darwin/arm64",
      "windows/amd64",
      "windows/arm64",
    ]);
  });

  it("converts the GoReleaser fixture into a valid goship.yaml with notes", () => {
    const fixture = path.resolve(
      import.meta.dirname,
      "../../test/fixtures/goreleaser/multi/.goreleaser.yaml",
    );
    const { data } = parseConfigText(readFileSync(fixture, "utf8"), ".goreleaser.yaml");
    const { text, notes } = convertGoreleaser(data, {});
    expect(notes.join("\n")).toContain("mod_timestamp is dropped");
    const config = resolveGoshipConfig(asGoship(text), facts);
    expect(config.builds.map((b) => b.id)).toEqual(["tool", "toolctl"]);
    expect(config.builds[0]!.targets).toContainEqual({ goos: "linux", goarch: "arm", level: "6" });
    expect(config.archives[0]).toMatchObject({
      wrap: "",
      formatOverrides: [{ goos: "windows", formats: ["zip"] }],
    });
    expect(config.checksum).toMatchObject({
      combined: "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS",
      split: undefined,
    });
  });
});

describe("goship.config.mjs", () => {
  it("loads the default export, and refuses TypeScript with a way out", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "goship-config-"));
    writeFileSync(
      path.join(dir, "goship.config.mjs"),
      "export default { project_name: 'acme', parallelism: 2 };\n",
    );
    const loaded = await loadConfigFile(path.join(dir, "goship.config.mjs"), "goship", dir);
    expect(resolveGoshipConfig(loaded, facts)).toMatchObject({ projectName: "acme", parallelism: 2 });
    writeFileSync(path.join(dir, "goship.config.ts"), "export default {};\n");
    await expect(loadConfigFile(path.join(dir, "goship.config.ts"), "goship", dir)).rejects.toThrow(
      ConfigError,
    );
  });
});
