import { describe, expect, it } from "vitest";
import { defaultStamps, goBuildArgs, goBuildEnv, quoteLdflag, releaseLdflags } from "./build-args.js";

describe("goBuildArgs", () => {
  it("produces the seed's release flags", () => {
    const args = goBuildArgs({
      packagePath: "./cmd/api",
      output: "/out/api",
      modMode: "readonly",
      buildvcs: true,
      stamps: defaultStamps("v1.2.3", "abc", "2024-01-02T03:04:05Z"),
    });
    expect(args).toEqual([
      "build",
      "-trimpath",
      "-mod=readonly",
      "-buildvcs=true",
      "-ldflags=-s -w -buildid= -X main.version=v1.2.3 -X main.commit=abc -X main.date=2024-01-02T03:04:05Z",
      "-o",
      "/out/api",
      "./cmd/api",
    ]);
  });

  it("quotes stamp values with spaces as cmd/go splits them", () => {
    expect(quoteLdflag("main.x=a b")).toBe("'main.x=a b'");
    expect(quoteLdflag("main.x=it's")).toBe(`"main.x=it's"`);
    expect(releaseLdflags([["example.com/p.v", "1 2"]])).toBe("-s -w -buildid= -X 'example.com/p.v=1 2'");
  });
});

describe("goBuildEnv", () => {
  it("replaces what the caller's environment would change and pins the target", () => {
    const env = goBuildEnv(
      {
        base: { PATH: "/bin", GOFLAGS: "-buildvcs=false", GOAMD64: "v4", CGO_ENABLED: "1", GOARM: "5" },
        modMode: "vendor",
        maxProcs: 2,
      },
      { goos: "linux", goarch: "amd64" },
    );
    expect(env).toEqual({
      PATH: "/bin",
      GOFLAGS: "-mod=vendor",
      GO111MODULE: "on",
      GOMAXPROCS: "2",
      CGO_ENABLED: "0",
      GOOS: "linux",
      GOARCH: "amd64",
      GOAMD64: "v1",
    });
  });
});
