// GoReleaser files judged as GoReleaser v2.15.1 judges them: what it accepts, what it rejects.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { resolveGoreleaserConfig } from "../goreleaser.js";
import { kindOfContent, type LoadedConfig, parseConfigText } from "../load.js";
import type { ProjectFacts } from "../resolve.js";

const facts: ProjectFacts = {
  module: {
    path: "example.com/tool",
    mains: [{ importPath: "example.com/tool", relativePath: ".", binary: "tool" }],
  },
  platforms: [{ goos: "linux", goarch: "amd64", firstClass: true }],
};

function resolve(text: string, options: { allowUnimplemented?: boolean } = {}) {
  const loaded: LoadedConfig = {
    file: ".goreleaser.yaml",
    name: ".goreleaser.yaml",
    kind: "goreleaser",
    ...parseConfigText(text, ".goreleaser.yaml"),
  };
  return resolveGoreleaserConfig(loaded, facts, {}, [], options);
}

function problems(text: string): string[] {
  try {
    resolve(text);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("what GoReleaser accepts", () => {
  it("takes empty (null) sections and hook lists as absent", () => {
    expect(problems("version: 2\nbefore:\n  hooks:\nbuilds:\n  - hooks:\n      post:\nchangelog:\n")).toEqual(
      [],
    );
    expect(problems("version: 2\nbefore:\n")).toEqual([]);
  });

  it("knows every template field GoReleaser documents, .Branch and .IsNightly among them", () => {
    const text = [
      "version: 2",
      "archives:",
      "  - name_template: '{{ .ProjectName }}-{{ .Branch }}-{{ .PreviousTag }}-{{ .TagSubject }}-{{ .GitURL }}{{ if .IsNightly }}n{{ end }}{{ if .IsDraft }}d{{ end }}_{{ .Os }}'",
    ].join("\n");
    expect(problems(text)).toEqual([]);
  });

  it("lets an archive name a universal binary", () => {
    const text = "version: 2\nuniversal_binaries:\n  - id: mac\narchives:\n  - ids: [mac]\n";
    expect(resolve(text, { allowUnimplemented: true }).archives[0]?.ids).toEqual(["mac"]);
  });

  it("prints GoReleaser's deprecation notice for deprecated keys", () => {
    const config = resolve(
      "version: 2\narchives:\n  - format: zip\n    builds: [tool]\n    format_overrides:\n      - goos: windows\n        format: zip\nsnapshot:\n  name_template: x\n",
    );
    expect(config.notes).toEqual([
      "DEPRECATED: `archives.format` should not be used anymore, check https://goreleaser.com/deprecations#archivesformat for more info",
      "DEPRECATED: `archives.format_overrides.format` should not be used anymore, check https://goreleaser.com/deprecations#archivesformat_overridesformat for more info",
      "DEPRECATED: `archives.builds` should not be used anymore, check https://goreleaser.com/deprecations#archivesbuilds for more info",
      "DEPRECATED: `snapshot.name_template` should not be used anymore, check https://goreleaser.com/deprecations#snapshotname_template for more info",
    ]);
  });

  it("names gemfury and furies GoReleaser Pro only", () => {
    const config = resolve("version: 2\ngemfury:\n  - account: me\nfuries:\n  - account: me\n");
    expect(config.unimplemented).toEqual(["gemfury (GoReleaser Pro only)", "furies (GoReleaser Pro only)"]);
  });
});

describe("what GoReleaser rejects", () => {
  it("rejects unknown keys inside sections goship does not implement", () => {
    expect(
      problems(
        "version: 2\nbrews:\n  - tap:\n      owner: me\nmetadata:\n  description: x\nchangelog:\n  skip: true\nrelease:\n  github:\n    ownr: me\n",
      ).sort(),
    ).toEqual([
      expect.stringMatching(/^brews\[0\]\.tap: unknown key "tap".*repository/),
      expect.stringMatching(/^changelog\.skip: unknown key "skip".*disable/),
      expect.stringMatching(/^metadata\.description: unknown key "description".*mod_timestamp/),
      expect.stringMatching(/^release\.github\.ownr: unknown key "ownr"/),
    ]);
  });

  it("does not call a file that only includes others (GoReleaser Pro) valid", () => {
    expect(problems("version: 2\nincludes:\n  - from_url:\n      url: https://example.com/x.yaml\n")).toEqual(
      [expect.stringMatching(/^includes: .*goship does not read/)],
    );
  });
});

describe("sections that change the artifact set", () => {
  it("are an error naming the key until goship implements them, unless allowed", () => {
    const text =
      "version: 2\nuniversal_binaries:\n  - replace: true\nsource:\n  enabled: true\nupx:\n  - enabled: false\n";
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^universal_binaries: universal_binaries is not implemented.*--allow-unimplemented/,
      ),
      expect.stringMatching(/^source: source is not implemented/),
    ]);
    expect(resolve(text, { allowUnimplemented: true }).unimplemented).toContain("universal_binaries");
  });
});

describe("the format of a file given with --config", () => {
  it("is read from its content, not its name", () => {
    expect(kindOfContent({ version: 2, builds: [] }, "goship")).toBe("goreleaser");
    expect(kindOfContent({ changelog: {}, release: {} }, "goship")).toBe("goreleaser");
    expect(kindOfContent({ targets: ["linux/amd64"] }, "goreleaser")).toBe("goship");
    expect(kindOfContent({ builds: [] }, "goship")).toBe("goship");
  });
});
