import { describe, expect, it } from "vitest";
import { noGit } from "../git/state.js";
import { changesOutside } from "./steps.js";

describe("changesOutside", () => {
  const git = { ...noGit, isRepo: true, root: "/repo" };

  it("ignores what lies in dist, inside the work tree", () => {
    const changes = ["?? dist/", " M README.md", "?? dist/bin/x", 'R  old -> "dist/new file"'].join("\n");
    expect(changesOutside({ ...git, changes }, "/repo/dist")).toBe(" M README.md");
  });

  it("keeps everything when dist is outside the work tree", () => {
    expect(changesOutside({ ...git, changes: "?? dist/" }, "/elsewhere/dist")).toBe("?? dist/");
  });

  it("does not mistake a sibling with the same prefix for dist", () => {
    expect(changesOutside({ ...git, changes: "?? distribution.txt" }, "/repo/dist")).toBe(
      "?? distribution.txt",
    );
  });
});
