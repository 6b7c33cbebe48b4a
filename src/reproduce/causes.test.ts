import { describe, expect, it } from "vitest";
import type { BinaryDiff } from "./binary-diff.js";
import { likelyCauses } from "./causes.js";
import type { ArtifactResult } from "./compare.js";

const binary = (overrides: Partial<BinaryDiff>): BinaryDiff => ({
  format: "elf",
  buildInfo: [],
  sections: [],
  unreadable: undefined,
  firstDifference: 0,
  sizes: { release: 1, rebuild: 1 },
  ...overrides,
});

const differs = (path: string, diagnosis: ArtifactResult["diagnosis"]): ArtifactResult => ({
  path,
  verdict: "differs",
  release: "1",
  rebuild: "2",
  diagnosis,
});

const ids = (results: ArtifactResult[], extra: Partial<Parameters<typeof likelyCauses>[0]> = {}) =>
  likelyCauses({ results, untracked: [], ...extra }).map((c) => c.id);

describe("likelyCauses", () => {
  it("names an untracked file the build reads", () => {
    const causes = likelyCauses({ results: [], untracked: [{ path: "cmd/app/secret.txt", ignored: true }] });
    expect(causes[0]?.message).toContain("cmd/app/secret.txt (ignored by git)");
  });

  it("reads a failed embed from the rebuild's output when the tree gave no answer", () => {
    const causes = likelyCauses({
      results: [],
      untracked: [],
      rebuildError: "main.go:9:12: pattern secret.txt: no matching files found",
    });
    expect(causes).toEqual([
      expect.objectContaining({ id: "untracked-input", message: expect.stringContaining("secret.txt") }),
    ]);
  });

  it("recognises a different toolchain from metadata.json", () => {
    const meta = differs("metadata.json", {
      kind: "metadata",
      fields: [{ field: "goVersion", release: '"go1.26.8"', rebuild: '"go1.25.0"' }],
    });
    const causes = likelyCauses({ results: [meta], untracked: [] });
    expect(causes[0]).toEqual({ id: "toolchain", message: expect.stringContaining("GOTOOLCHAIN=go1.26.8") });
  });

  it("recognises other build flags and a dirty tree from build info", () => {
    const diff = binary({
      buildInfo: [
        { field: "build -ldflags", release: "-X main.version=v9", rebuild: "(absent)" },
        { field: "build vcs.modified", release: "true", rebuild: "false" },
      ],
    });
    expect(ids([differs("bin/app", { kind: "binary", diff })])).toEqual(["dirty-tree", "build-flags"]);
  });

  it("blames link flags when sections differ under identical build info", () => {
    const diff = binary({
      sections: [
        {
          name: ".rodata",
          release: { name: ".rodata", offset: 0, size: 1 },
          rebuild: { name: ".rodata", offset: 0, size: 1 },
          firstDifference: 3,
        },
      ],
    });
    expect(ids([differs("bin/app", { kind: "binary", diff })])).toEqual(["link-flags"]);
  });

  it("recognises archive owners, times, modes and another tool", () => {
    const archive = differs("a.tar.gz", {
      kind: "archive",
      binaries: [],
      diff: {
        onlyInRelease: [],
        onlyInRebuild: [],
        renamed: [],
        order: false,
        container: [{ field: "gzip XFL byte", release: "0", rebuild: "2" }],
        entries: [
          {
            name: "a/README.md",
            content: false,
            fields: [
              { field: "uid", release: "1001", rebuild: "0" },
              { field: "mtime", release: "2024-05-01T00:00:00Z", rebuild: "2024-03-01T12:00:00Z" },
              { field: "mode", release: "0664", rebuild: "0644" },
            ],
          },
        ],
      },
    });
    expect(ids([archive])).toEqual(["archive-owners", "archive-times", "archive-modes", "archive-tool"]);
  });
});
