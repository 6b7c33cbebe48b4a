import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/errors.js";
import { resolveGoreleaserConfig } from "../config/goreleaser.js";
import { parseConfigText } from "../config/load.js";
import { sectionOf } from "../config/section.js";
import { dockerManifestsSection, dockersSection, dockersV2Section, kosSection } from "./sections.js";

const sections = [kosSection, dockersV2Section, dockersSection, dockerManifestsSection];
const facts = {
  module: {
    path: "example.com/tool",
    mains: [{ importPath: "example.com/tool/cmd/tool", relativePath: "./cmd/tool", binary: "tool" }],
  },
  platforms: ["linux/amd64", "linux/arm64"].map((p) => ({
    goos: "linux",
    goarch: p.split("/")[1] ?? "",
    firstClass: true,
  })),
};
const load = (text: string) => ({
  file: ".goreleaser.yaml",
  name: ".goreleaser.yaml",
  kind: "goreleaser" as const,
  ...parseConfigText(text, ".goreleaser.yaml"),
});

describe("image sections in a GoReleaser file", () => {
  it("reads kos, dockers_v2, dockers and docker_manifests with GoReleaser's defaults, warning about none of them", () => {
    const text = [
      "version: 2",
      "kos:",
      "  - repositories: [ghcr.io/acme/tool]",
      "dockers_v2:",
      "  - images: [ghcr.io/acme/tool2]",
      "dockers:",
      "  - image_templates: ['ghcr.io/acme/tool3:{{ .Version }}-amd64']",
      "    skip_push: auto",
      "docker_manifests:",
      "  - name_template: 'ghcr.io/acme/tool3:{{ .Version }}'",
      "    image_templates: ['ghcr.io/acme/tool3:{{ .Version }}-amd64']",
    ].join("\n");
    const config = resolveGoreleaserConfig(load(text), facts, {}, sections);
    expect(config.unimplemented).toEqual([]);
    const [ko] = sectionOf(config, kosSection);
    expect(ko).toMatchObject({
      id: "tool",
      ids: ["tool"],
      platforms: ["linux/amd64"],
      tags: ["latest"],
      recipe: { kind: "ko", baseImage: "cgr.dev/chainguard/static", namer: "md5" },
    });
    expect(sectionOf(config, dockersV2Section)[0]).toMatchObject({
      platforms: ["linux/amd64", "linux/arm64"],
      tags: ["{{.Tag}}"],
    });
    expect(sectionOf(config, dockersSection)[0]).toMatchObject({
      platforms: ["linux/amd64"],
      skipPush: "auto",
    });
    expect(sectionOf(config, dockerManifestsSection)[0]?.imageTemplates).toHaveLength(1);
  });

  it("reports a kos entry without repositories at its path, and KO_DOCKER_REPO fills it", () => {
    const text = "version: 2\nkos:\n  - build: tool\n";
    expect(() => resolveGoreleaserConfig(load(text), facts, {}, sections)).toThrow(ConfigError);
    try {
      resolveGoreleaserConfig(load(text), facts, {}, sections);
    } catch (error) {
      expect((error as ConfigError).output).toContain("kos[0].repositories: missing repositories");
    }
    const config = resolveGoreleaserConfig(load(text), facts, { KO_DOCKER_REPO: "r.example/x" }, sections);
    expect(sectionOf(config, kosSection)[0]?.repositories).toEqual(["r.example/x"]);
  });
});
