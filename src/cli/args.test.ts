import { describe, expect, it } from "vitest";
import { parseReleaseFlags } from "./args.js";

describe("release flags", () => {
  it("parses every flag", () => {
    expect(
      parseReleaseFlags([
        "--dir=m",
        "--dist",
        "out",
        "--clean",
        "--targets",
        "linux/amd64, linux/arm/7",
        "--single-target",
        "--snapshot",
        "--parallelism",
        "3",
        "--no-cache",
        "--main",
        "./cmd/a,tools/b",
        "--allow-unimplemented",
        "--json",
      ]),
    ).toEqual({
      dir: "m",
      dist: "out",
      clean: true,
      targets: ["linux/amd64", "linux/arm/7"],
      singleTarget: true,
      mains: ["./cmd/a", "tools/b"],
      snapshot: true,
      parallelism: 3,
      noCache: true,
      skipVerify: false,
      allowUnimplemented: true,
      json: true,
      help: false,
      publish: false,
      dryRun: false,
      releaseNotes: {},
      split: false,
    });
  });

  it("rejects bad values with usage errors", () => {
    expect(() => parseReleaseFlags(["--parallelism", "0"])).toThrow(/whole number from 1 to 1024/);
    expect(() => parseReleaseFlags(["--parallelism", "-1"])).toThrow(
      /^--parallelism needs a value; one that starts with "-" is written --parallelism=<value>$/,
    );
    expect(() => parseReleaseFlags(["--parallelism=-1"])).toThrow(/whole number from 1 to 1024, not "-1"/);
    expect(() => parseReleaseFlags(["--targets", ","])).toThrow(/at least one value/);
    expect(() => parseReleaseFlags(["--nope"])).toThrow(/Unknown option '--nope'/);
  });
});
