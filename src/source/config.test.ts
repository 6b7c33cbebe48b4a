import { describe, expect, it } from "vitest";
import type { SectionFacts } from "../config/section.js";
import { sourceSection } from "./config.js";

function resolve(user: unknown) {
  const problems: string[] = [];
  const facts: SectionFacts = {
    flavor: "goreleaser",
    projectName: "app",
    modulePath: "example.com/app",
    buildIds: ["app"],
    archiveIds: ["default"],
    env: {},
    problem: (at, message) => problems.push(`${at.join(".")}: ${message}`),
    template: () => {},
  };
  const parsed = sourceSection.goreleaser!.parse(user);
  return { resolved: sourceSection.resolve(parsed, facts), problems };
}

describe("the source section", () => {
  it("has GoReleaser's defaults", () => {
    expect(resolve({ enabled: true }).resolved).toEqual({
      enabled: true,
      nameTemplate: "{{ .ProjectName }}-{{ .Version }}",
      format: "tar.gz",
      prefixTemplate: "",
      files: [],
    });
  });

  it("keeps tgz as written (the file is named .tgz, as GoReleaser names it)", () => {
    expect(resolve({ enabled: true, format: "tgz" }).resolved.format).toBe("tgz");
  });

  it("reports an unknown format with GoReleaser's words", () => {
    expect(resolve({ enabled: true, format: "7z" }).problems).toEqual([
      "format: invalid source archive format: 7z; use tar.gz, tgz, tar or zip",
    ]);
  });

  it("reads files with their info", () => {
    const { resolved } = resolve({
      enabled: true,
      files: ["NOTICE", { src: "docs/*.md", dst: "manual", info: { owner: "root", mode: 0o444 } }],
    });
    expect(resolved.files[1]).toEqual({
      kind: "glob",
      src: "docs/*.md",
      dst: "manual",
      stripParent: false,
      optional: false,
      info: { owner: "root", group: "", mode: 0o444, mtime: "" },
    });
  });

  it("rejects keys GoReleaser does not know", () => {
    expect(sourceSection.goreleaser!.safeParse({ enabled: true, prefix: "x/" }).success).toBe(false);
  });
});
