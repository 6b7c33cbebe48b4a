import { describe, expect, it } from "vitest";
import type { BinaryDiff } from "./binary-diff.js";
import { formatReport, type ReproducibilityReport, reportError, reportJson, summaryLine } from "./report.js";

const elf: BinaryDiff = {
  format: "elf",
  buildInfo: [{ field: "build -ldflags", release: "-X main.version=v9", rebuild: "(absent)" }],
  sections: [
    {
      name: ".rodata",
      release: { name: ".rodata", offset: 0x1000, size: 10 },
      rebuild: { name: ".rodata", offset: 0x1000, size: 12 },
      firstDifference: 4,
    },
  ],
  unreadable: undefined,
  firstDifference: 0x1004,
  sizes: { release: 100, rebuild: 102 },
};

const report: ReproducibilityReport = {
  version: "v1.2.3",
  commit: "0123456789abcdef0123456789abcdef01234567",
  verdict: "not reproduced",
  artifacts: [
    {
      path: "app-v1.2.3-linux-amd64.tar.gz",
      verdict: "differs",
      release: "aa",
      rebuild: "bb",
      diagnosis: {
        kind: "archive",
        binaries: [{ entry: "app-v1.2.3-linux-amd64/app", sha256: "cc", diff: elf }],
        diff: {
          onlyInRelease: [],
          onlyInRebuild: [],
          renamed: [],
          order: false,
          container: [],
          entries: [
            {
              name: "app-v1.2.3-linux-amd64/app",
              content: true,
              fields: [{ field: "size", release: "100", rebuild: "102" }],
            },
            {
              name: "app-v1.2.3-linux-amd64/README.md",
              content: false,
              fields: [{ field: "uid", release: "1000", rebuild: "0" }],
            },
          ],
        },
      },
    },
    {
      path: "bin/app-v1.2.3-linux-amd64",
      verdict: "differs",
      release: "cc",
      rebuild: "dd",
      diagnosis: { kind: "binary", diff: elf },
    },
    {
      path: "checksums.txt",
      verdict: "differs",
      release: "ee",
      rebuild: "ff",
      diagnosis: { kind: "checksums", names: ["app-v1.2.3-linux-amd64.tar.gz"] },
    },
    { path: "metadata.json", verdict: "reproduced", release: "11", rebuild: "11" },
  ],
  causes: [{ id: "archive-owners", message: "archive entries carry other owners" }],
  untrackedInputs: [],
  environment: [{ name: "TZ", user: "unset", rebuild: "Pacific/Chatham" }],
  rebuildGoVersion: "go1.26.8",
  rebuildError: undefined,
};

describe("formatReport", () => {
  it("names the artifact, the entry and the field, and points at a binary shown elsewhere", () => {
    expect(formatReport(report)).toEqual([
      "(values read release → rebuild)",
      "app-v1.2.3-linux-amd64.tar.gz: differs",
      "  sha256 aa → bb",
      "  entry app-v1.2.3-linux-amd64/app: size 100 → 102, content differs",
      "    the same binary as bin/app-v1.2.3-linux-amd64, below",
      "  entry app-v1.2.3-linux-amd64/README.md: uid 1000 → 0",
      "bin/app-v1.2.3-linux-amd64: differs",
      "  sha256 cc → dd",
      "  build info: build -ldflags -X main.version=v9 → (absent)",
      "  section .rodata: differs from +0x4 (offset 0x1000, 10 bytes → offset 0x1000, 12 bytes)",
      "checksums.txt: differs",
      "  sha256 ee → ff",
      "  follows from app-v1.2.3-linux-amd64.tar.gz",
      "likely cause: archive entries carry other owners",
    ]);
  });

  it("summarises and turns the report into an error that exits non-zero", () => {
    expect(summaryLine(report)).toBe("1 of 4 artifacts reproduced");
    const error = reportError(report, { reportFile: "dist/reproducibility.json" });
    expect(error.message).toBe("3 of 4 artifacts differ from an independent rebuild of 0123456789ab");
    expect(error.exitCode).not.toBe(0);
    expect(error.details).toEqual({ commit: "0123456789ab", report: "dist/reproducibility.json" });
  });

  it("names an untracked input in the error of a failed rebuild", () => {
    const failed: ReproducibilityReport = {
      ...report,
      verdict: "rebuild failed",
      untrackedInputs: [{ path: "secret.txt", ignored: true }],
      rebuildError: "pattern secret.txt: no matching files found",
    };
    const error = reportError(failed, {});
    expect(error.message).toContain("the build reads secret.txt, which git does not track");
    expect(error.details["untracked input"]).toBe("secret.txt");
    expect(error.output).toContain("the rebuild said:");
  });
});

describe("reportJson", () => {
  it("keeps both digests, the verdicts and the environment, and no durations", () => {
    const json = reportJson(report) as Record<string, unknown>;
    expect(json).toMatchObject({ verdict: "not reproduced", reproduced: 1, total: 4 });
    expect((json.artifacts as unknown[])[3]).toEqual({
      path: "metadata.json",
      verdict: "reproduced",
      sha256: { release: "11", rebuild: "11" },
    });
    expect(json.rebuild).toEqual({ goVersion: "go1.26.8", environment: report.environment });
    expect(JSON.stringify(json)).not.toMatch(/durationMs|"ms"/);
  });
});
