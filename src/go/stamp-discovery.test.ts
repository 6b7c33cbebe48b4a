import { describe, expect, it } from "vitest";
import { discoverStamps, stampRole } from "./stamp-discovery.js";

describe("stampRole", () => {
  it("reads version, commit and date from the names real programs use", () => {
    expect(stampRole("version", [])).toBe("version");
    expect(stampRole("Version", [])).toBe("version");
    expect(stampRole("gronVersion", ["gron"])).toBe("version");
    expect(stampRole("revision", [])).toBe("commit");
    expect(stampRole("CommitSHA", [])).toBe("commit");
    expect(stampRole("build_date", [])).toBe("date");
    expect(stampRole("apiVersion", ["gron"])).toBeUndefined();
    expect(stampRole("goVersion", ["gron"])).toBeUndefined();
  });
});

describe("discoverStamps", () => {
  const main = (importPath: string, source: string) => ({ importPath, isMain: true, sources: [source] });

  it("stamps string variables of main and exported ones of a version package", () => {
    const found = discoverStamps(
      [
        main(
          "example.com/gron",
          `package main
var gronVersion = "dev"
var revision string
func main() { println(gronVersion, revision) }`,
        ),
        {
          importPath: "example.com/gron/internal/buildinfo",
          isMain: false,
          sources: [`package buildinfo\nvar Commit string\nvar date string\n`],
        },
      ],
      ["gron"],
    );
    expect(found.stamps).toEqual([
      { symbol: "main.gronVersion", role: "version" },
      { symbol: "example.com/gron/internal/buildinfo.Commit", role: "commit" },
      { symbol: "main.revision", role: "commit" },
    ]);
    expect(found.skipped).toEqual([]);
  });

  it("skips, with the reason, variables -X cannot set or that nothing reads", () => {
    const found = discoverStamps(
      [
        main(
          "example.com/x",
          `package main
import "flag"
var version = flag.Bool("version", false, "print the version")
var date string
const commit = "abc"
func main() { flag.Parse(); println(*version) }`,
        ),
      ],
      ["x"],
    );
    expect(found.stamps).toEqual([]);
    expect(found.skipped).toEqual([
      { symbol: "main.date", reason: expect.stringMatching(/never read/) },
      { symbol: "main.version", reason: expect.stringMatching(/breaks the build.*flag\.Bool/) },
    ]);
  });

  it("passes one -X for every main only when none of them would break or ignore it", () => {
    const found = discoverStamps(
      [
        main("example.com/x/cmd/a", `package main\nvar version = "dev"\nfunc main() { println(version) }`),
        main("example.com/x/cmd/b", `package main\nvar version = 3\nfunc main() { println(version) }`),
      ],
      ["a", "b"],
    );
    expect(found.stamps).toEqual([]);
    expect(found.skipped[0]?.reason).toMatch(/cmd\/b.*number/);
  });
});
