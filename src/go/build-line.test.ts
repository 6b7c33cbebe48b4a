import { describe, expect, it } from "vitest";
import { goBuildLine, goreleaserBuildEnv, goreleaserTargetEnv, ldflagsWithStamps } from "./build-args.js";

describe("goBuildLine", () => {
  it("orders flags as GoReleaser's buildGoBuildLine does", () => {
    // GoReleaser's own TestBuildGoBuildLine "full" case.
    const line = goBuildLine({
      release: undefined,
      flags: ["-flag1", "-flag2"],
      asmflags: ["asmflag1", "asmflag2"],
      gcflags: ["gcflag1", "gcflag2"],
      tags: ["tag1", "tag2"],
      ldflags: ["ldflag1", "ldflag2"].join(" "),
      output: "foo",
      packagePath: ".",
    });
    expect(line).toEqual([
      "build",
      "-flag1",
      "-flag2",
      "-asmflags=asmflag1",
      "-asmflags=asmflag2",
      "-gcflags=gcflag1",
      "-gcflags=gcflag2",
      "-tags=tag1,tag2",
      "-ldflags=ldflag1 ldflag2",
      "-o",
      "foo",
      ".",
    ]);
  });

  it("passes no -tags and no -ldflags when the config has none", () => {
    const line = goBuildLine({
      release: undefined,
      flags: ["-trimpath"],
      asmflags: [],
      gcflags: [],
      tags: [],
      ldflags: undefined,
      output: "/dist/a",
      packagePath: "./cmd/a",
    });
    expect(line).toEqual(["build", "-trimpath", "-o", "/dist/a", "./cmd/a"]);
  });

  it("puts goship's fixed flags first and the config's after them", () => {
    const line = goBuildLine({
      release: { modMode: "readonly", buildvcs: true },
      flags: ["-v"],
      asmflags: [],
      gcflags: [],
      tags: ["netgo"],
      ldflags: ldflagsWithStamps(
        ["-s", "-w", "-buildid="],
        [["example.com/x/internal/version.Name", "My Tool"]],
      ),
      output: "/o",
      packagePath: ".",
    });
    expect(line).toEqual([
      "build",
      "-trimpath",
      "-mod=readonly",
      "-buildvcs=true",
      "-v",
      "-tags=netgo",
      "-ldflags=-s -w -buildid= -X 'example.com/x/internal/version.Name=My Tool'",
      "-o",
      "/o",
      ".",
    ]);
  });
});

describe("goreleaserBuildEnv", () => {
  it("sets every target variable, the unused ones empty, after the config's env", () => {
    expect(goreleaserTargetEnv({ goos: "linux", goarch: "arm", level: "6" })).toEqual({
      GOOS: "linux",
      GOARCH: "arm",
      GOAMD64: "",
      GO386: "",
      GOARM: "6",
      GOARM64: "",
      GOMIPS: "",
      GOMIPS64: "",
      GOPPC64: "",
      GORISCV64: "",
    });
    expect(goreleaserTargetEnv({ goos: "linux", goarch: "mips64le", level: "softfloat" })).toMatchObject({
      GOMIPS: "softfloat",
      GOMIPS64: "softfloat",
    });
    const env = goreleaserBuildEnv(
      {
        base: { PATH: "/bin", GOFLAGS: "-buildvcs=false", CGO_ENABLED: "1", GOOS: "plan9" },
        modMode: "readonly",
      },
      { CGO_ENABLED: "0", GOOS: "ignored" },
      { goos: "windows", goarch: "amd64", level: "v1" },
    );
    // The caller's CGO_ENABLED is GoReleaser's default, the config wins over it, the target over both;
    // GOFLAGS is still goship's, so a developer's GOFLAGS cannot change a release.
    expect(env).toMatchObject({
      PATH: "/bin",
      GOFLAGS: "-mod=readonly",
      CGO_ENABLED: "0",
      GOOS: "windows",
      GOAMD64: "v1",
      GOARM: "",
    });
  });
});
