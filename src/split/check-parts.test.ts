import { describe, expect, it } from "vitest";
import { type MergeFacts, mergeProblems, type Part } from "./check-parts.js";
import type { PartManifest } from "./manifest.js";

const all = ["linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64"];
const local: MergeFacts = {
  goship: "1.0.0",
  commit: "c0ffee",
  version: "v1.2.3",
  configDigest: "d1",
  goVersion: "go1.26.8",
  allTargets: all,
};

function part(index: number, targets: readonly string[], over: Partial<PartManifest> = {}): Part {
  return {
    label: `parts/shard-${index}`,
    manifest: {
      format: "goship-shard/1",
      goship: "1.0.0",
      selection: { by: "shard", index, count: 2 },
      project: "api",
      module: "example.com/api",
      version: "v1.2.3",
      tag: "v1.2.3",
      commit: "c0ffee",
      snapshot: false,
      goVersion: "go1.26.8",
      configDigest: "d1",
      allTargets: all,
      targets,
      producedBy: {},
      ...over,
    },
  };
}

const one = part(1, ["linux/amd64", "darwin/arm64"]);
const two = part(2, ["linux/arm64", "windows/amd64"]);

describe("mergeProblems", () => {
  it("accepts parts that cover every target once", () => {
    expect(mergeProblems([one, two], local)).toEqual([]);
  });

  it("names the part from another commit, config, toolchain or goship", () => {
    expect(mergeProblems([one, part(2, two.manifest.targets, { commit: "bad" })], local)).toEqual([
      expect.stringMatching(/parts\/shard-2 was built from another commit \(bad, here c0ffee\)/),
    ]);
    expect(mergeProblems([part(1, one.manifest.targets, { configDigest: "d2" }), two], local)[0]).toMatch(
      /shard-1 was built from another config/,
    );
    expect(mergeProblems([one, part(2, two.manifest.targets, { goVersion: "go1.25.0" })], local)[0]).toMatch(
      /another Go toolchain .*pin one Go version/,
    );
    expect(mergeProblems([one, part(2, two.manifest.targets, { goship: "0.9.0" })], local)[0]).toMatch(
      /another goship version/,
    );
  });

  it("says which shard is missing", () => {
    expect(mergeProblems([one], local)).toEqual([
      "no part has linux/arm64, windows/amd64: the dist of shard 2/2 is missing; add it to the merge",
    ]);
  });

  it("refuses a part given twice", () => {
    const problems = mergeProblems([one, two, { ...one, label: "copy" }], local);
    expect(problems[0]).toMatch(/copy and parts\/shard-1 are both shard 1\/2/);
  });

  it("refuses a target built by two parts", () => {
    const split = (goos: string, targets: readonly string[]): Part => ({
      ...part(1, targets),
      label: goos,
      manifest: { ...part(1, targets).manifest, selection: { by: "goos", goos } },
    });
    const problems = mergeProblems(
      [
        split("linux", ["linux/amd64", "linux/arm64"]),
        split("darwin", ["darwin/arm64", "linux/amd64"]),
        split("windows", ["windows/amd64"]),
      ],
      local,
    );
    expect(problems).toEqual(["linux/amd64 was built twice, by linux and by darwin: merge each part once"]);
  });

  it("refuses parts planned for other targets", () => {
    expect(
      mergeProblems([one, part(2, two.manifest.targets, { allTargets: ["linux/amd64"] })], local)[0],
    ).toMatch(/planned for other targets/);
  });
});
