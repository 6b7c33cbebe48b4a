import { describe, expect, it } from "vitest";
import { bestTag, sortTags } from "./tags.js";

describe("bestTag", () => {
  it("takes the highest version among tags on one commit, whatever order git lists them in", () => {
    expect(bestTag(["v1.8.1", "v1.8.2"])).toBe("v1.8.2");
    expect(bestTag(["v1.8.2", "v1.8.1"])).toBe("v1.8.2");
    expect(bestTag(["v1.10.0", "v1.9.0"])).toBe("v1.10.0");
  });

  it("puts a prerelease below its release, and compares prerelease parts as semver does", () => {
    expect(bestTag(["v2.0.0-rc.1", "v2.0.0"])).toBe("v2.0.0");
    expect(sortTags(["v1.0.0-rc.10", "v1.0.0-rc.2", "v1.0.0-beta", "v1.0.0-rc"])).toEqual([
      "v1.0.0-rc.10",
      "v1.0.0-rc.2",
      "v1.0.0-rc",
      "v1.0.0-beta",
    ]);
  });

  it("ranks tags that are not versions after every version, by name", () => {
    expect(sortTags(["nightly", "latest", "v0.1.0"])).toEqual(["v0.1.0", "latest", "nightly"]);
    expect(bestTag([])).toBeUndefined();
  });
});
