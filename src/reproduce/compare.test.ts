import { describe, expect, it } from "vitest";
import { compareArtifacts, countReproduced, notRebuilt } from "./compare.js";

const release = [
  { path: "a.tar.gz", sha256: "1", file: "/r/a.tar.gz" },
  { path: "b.zip", sha256: "2", file: "/r/b.zip" },
  { path: "gone.txt", sha256: "3", file: undefined },
];
const rebuilt = [
  { path: "a.tar.gz", sha256: "1", file: "/x/a.tar.gz" },
  { path: "b.zip", sha256: "9", file: "/x/b.zip" },
  { path: "bin/extra", sha256: "4", file: "/x/bin/extra" },
];

describe("compareArtifacts", () => {
  it("gives every release artifact a verdict, in the release's order", () => {
    expect(compareArtifacts(release, rebuilt, false)).toEqual([
      { path: "a.tar.gz", verdict: "reproduced", release: "1", rebuild: "1" },
      { path: "b.zip", verdict: "differs", release: "2", rebuild: "9" },
      { path: "gone.txt", verdict: "missing from the rebuild", release: "3", rebuild: undefined },
    ]);
  });

  it("counts files only the rebuild made when the release's list is complete", () => {
    const results = compareArtifacts(release, rebuilt, true);
    expect(results.at(-1)).toEqual({
      path: "bin/extra",
      verdict: "only in the rebuild",
      release: undefined,
      rebuild: "4",
    });
    expect(countReproduced(results)).toEqual({ reproduced: 1, total: 4 });
  });

  it("marks everything not rebuilt when the rebuild failed", () => {
    expect(notRebuilt(release).map((r) => r.verdict)).toEqual(["not rebuilt", "not rebuilt", "not rebuilt"]);
  });
});
