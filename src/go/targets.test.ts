import { describe, expect, it } from "vitest";
import {
  archLabel,
  describeTargetProblem,
  effectiveLevel,
  formatTarget,
  type Platform,
  parseTarget,
  targetEnv,
} from "./targets.js";

const platforms: Platform[] = [
  "linux/amd64",
  "linux/arm",
  "linux/arm64",
  "linux/386",
  "linux/ppc64le",
  "windows/amd64",
].map((p) => {
  const [goos, goarch] = p.split("/") as [string, string];
  return { goos, goarch, firstClass: true };
});

describe("parseTarget", () => {
  it("accepts os/arch and every kind of level", () => {
    expect(parseTarget("linux/amd64", platforms)).toEqual({
      ok: true,
      target: { goos: "linux", goarch: "amd64" },
    });
    expect(parseTarget("linux/amd64/v3", platforms)).toMatchObject({ ok: true, target: { level: "v3" } });
    expect(parseTarget("linux/arm/7", platforms)).toMatchObject({ ok: true, target: { level: "7" } });
    expect(parseTarget("linux/arm64/v8.2", platforms)).toMatchObject({ ok: true, target: { level: "v8.2" } });
    expect(parseTarget("linux/arm64/8.2", platforms)).toMatchObject({ ok: true, target: { level: "v8.2" } });
    expect(parseTarget("linux/386/softfloat", platforms)).toMatchObject({
      ok: true,
      target: { level: "softfloat" },
    });
    expect(parseTarget("linux/ppc64le/power9", platforms)).toMatchObject({
      ok: true,
      target: { level: "power9" },
    });
  });

  it("rejects unknown platforms with the nearest valid ones", () => {
    const result = parseTarget("linux/amd46", platforms);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeTargetProblem(result.problem)).toMatch(
      /unknown target "linux\/amd46"; nearest valid: linux\/amd64/,
    );
  });

  it("rejects bad levels and lists the valid ones", () => {
    const result = parseTarget("linux/amd64/v5", platforms);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeTargetProblem(result.problem)).toMatch(/invalid GOAMD64 level .*linux\/amd64\/v1/);
    const noLevel = parseTarget("windows/amd64/v2", platforms);
    expect(noLevel.ok).toBe(true);
    const wrongArm = parseTarget("linux/arm/8", platforms);
    expect(wrongArm.ok).toBe(false);
  });

  it("rejects malformed input", () => {
    expect(parseTarget("linux", platforms).ok).toBe(false);
    expect(parseTarget("linux/amd64/v3/x", platforms).ok).toBe(false);
    expect(parseTarget("linux/amd64/", platforms).ok).toBe(false);
  });
});

describe("names and environment", () => {
  it("adds the level to names only when it is not the default", () => {
    expect(archLabel({ goos: "linux", goarch: "amd64" })).toBe("amd64");
    expect(archLabel({ goos: "linux", goarch: "amd64", level: "v1" })).toBe("amd64");
    expect(archLabel({ goos: "linux", goarch: "amd64", level: "v3" })).toBe("amd64v3");
    expect(archLabel({ goos: "linux", goarch: "arm", level: "7" })).toBe("armv7");
    expect(archLabel({ goos: "linux", goarch: "arm" })).toBe("armv7");
    expect(archLabel({ goos: "linux", goarch: "arm64", level: "v8.2" })).toBe("arm64v8.2");
    expect(archLabel({ goos: "linux", goarch: "arm64" })).toBe("arm64");
    expect(archLabel({ goos: "linux", goarch: "386", level: "softfloat" })).toBe("386softfloat");
    expect(archLabel({ goos: "windows", goarch: "amd64" })).toBe("amd64");
  });

  it("pins the level variable even at its default", () => {
    expect(targetEnv({ goos: "linux", goarch: "arm" })).toEqual({ GOOS: "linux", GOARCH: "arm", GOARM: "7" });
    expect(targetEnv({ goos: "linux", goarch: "amd64", level: "v3" })).toMatchObject({ GOAMD64: "v3" });
    expect(effectiveLevel({ goos: "js", goarch: "wasm" })).toBeUndefined();
    expect(formatTarget({ goos: "linux", goarch: "amd64", level: "v3" })).toBe("linux/amd64/v3");
  });
});
