import { describe, expect, it } from "vitest";
import { cgoSettingOf } from "../config/builds.js";
import { type FoundToolchains, planCgoTarget, quoteCommandWord } from "./plan.js";
import { zigTriple } from "./zig-targets.js";

const host = { goos: "linux", goarch: "amd64" };
const zig = { path: "/opt/zig/zig", version: "0.17.1" };
const plan = (target: string, mode: "static" | "dynamic", found: FoundToolchains) => {
  const [goos = "", goarch = "", level] = target.split("/");
  return planCgoTarget({
    mode,
    target: { goos, goarch, ...(level ? { level } : {}) },
    host,
    found,
    zigCacheDir: "/cache/zig",
  });
};

describe("zig target triples", () => {
  it("maps Go targets to musl triples for static builds and gnu ones for dynamic builds", () => {
    expect(zigTriple({ goos: "linux", goarch: "amd64" }, "static")).toBe("x86_64-linux-musl");
    expect(zigTriple({ goos: "linux", goarch: "arm64" }, "static")).toBe("aarch64-linux-musl");
    expect(zigTriple({ goos: "linux", goarch: "arm", level: "7" }, "static")).toBe("arm-linux-musleabihf");
    expect(zigTriple({ goos: "linux", goarch: "arm", level: "5" }, "static")).toBe("arm-linux-musleabi");
    expect(zigTriple({ goos: "linux", goarch: "arm64" }, "dynamic")).toBe("aarch64-linux-gnu");
    expect(zigTriple({ goos: "windows", goarch: "amd64" }, "static")).toBe("x86_64-windows-gnu");
  });

  it("has no triple for macOS, whose frameworks zig does not ship", () => {
    expect(zigTriple({ goos: "darwin", goarch: "arm64" }, "static")).toBeUndefined();
  });
});

describe("C toolchain plan", () => {
  it("uses zig for every target when it is installed, with its caches outside the tree", () => {
    const p = plan("linux/arm64", "static", { zig, muslGcc: "/usr/bin/musl-gcc" });
    expect(p.env).toEqual({
      CC: "/opt/zig/zig cc -target aarch64-linux-musl",
      CXX: "/opt/zig/zig c++ -target aarch64-linux-musl",
      ZIG_GLOBAL_CACHE_DIR: "/cache/zig",
      ZIG_LOCAL_CACHE_DIR: "/cache/zig",
    });
    expect(p.ldflags).toEqual(["-linkmode=external", "-extldflags", "'-static -s'"]);
    expect(p.compiler).toBe("zig 0.17.1 cc -target aarch64-linux-musl");
    // the same compiler for the host target: the choice never depends on where a target is built
    expect(plan("linux/amd64", "static", { zig, muslGcc: "/usr/bin/musl-gcc" }).compiler).toBe(
      "zig 0.17.1 cc -target x86_64-linux-musl",
    );
  });

  it("falls back to musl-gcc for a static host build, and gcc for a dynamic one", () => {
    expect(plan("linux/amd64", "static", { muslGcc: "/usr/bin/musl-gcc" })).toMatchObject({
      env: { CC: "/usr/bin/musl-gcc" },
      compiler: "musl-gcc",
    });
    expect(plan("linux/amd64", "dynamic", { zig, gcc: "/usr/bin/gcc" })).toMatchObject({
      env: { CC: "/usr/bin/gcc" },
      ldflags: ["-linkmode=external", "-extldflags=-s"],
      compiler: "gcc",
    });
  });

  it("says what to install when no compiler can build a target", () => {
    expect(() => plan("linux/arm64", "static", { muslGcc: "/usr/bin/musl-gcc" })).toThrow(
      /no C toolchain can build linux\/arm64 with cgo static: install zig \(`pip install ziglang==0.17.1`/,
    );
    expect(() => plan("linux/amd64", "static", {})).toThrow(
      /or install musl-gcc \(Debian\/Ubuntu: apt-get install musl-tools\)/,
    );
    expect(() => plan("darwin/arm64", "static", { zig })).toThrow(/cgo for macOS needs the macOS SDK/);
  });

  it("leaves CC to the config when its env sets one (macOS: no static libc, Go's own link flags)", () => {
    const p = planCgoTarget({
      mode: "static",
      target: { goos: "darwin", goarch: "arm64" },
      host,
      found: {},
      zigCacheDir: "/cache/zig",
      configuredCC: true,
    });
    expect(p).toEqual({
      mode: "static",
      env: {},
      ldflags: [],
      compiler: "CC from the config's env",
    });
  });

  it("quotes a zig path with spaces the way cmd/go splits CC", () => {
    expect(quoteCommandWord("/opt/my tools/zig")).toBe("'/opt/my tools/zig'");
    expect(quoteCommandWord("/opt/zig")).toBe("/opt/zig");
  });
});

describe("cgo setting", () => {
  it("reads true/false as dynamic/off and nothing as auto-detection", () => {
    expect(cgoSettingOf(undefined)).toBe("auto");
    expect(cgoSettingOf(true)).toBe("dynamic");
    expect(cgoSettingOf(false)).toBe("off");
    expect(cgoSettingOf("static")).toBe("static");
  });
});
