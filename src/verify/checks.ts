// The checks every release binary must pass, decided from its own bytes.

import type { CheckResult } from "../artifacts/kinds.js";
import { effectiveLevel, levelVariable, type Target } from "../go/targets.js";
import type { BinaryInfo } from "../inspect/index.js";
import { confirmStamps } from "../inspect/stamps.js";

export type { CheckResult, CheckStatus } from "../artifacts/kinds.js";

/** What the build asked for, read from metadata.json's build line: checks it did not ask for are skipped. */
export interface BuildExpectation {
  readonly trimpath: boolean;
  readonly stripped: boolean;
  readonly noBuildId: boolean;
}

export interface BinaryExpectation {
  readonly build?: BuildExpectation;
  readonly target: Target;
  readonly cgo: boolean;
  /** How a cgo build was linked, when metadata.json says so: static is then checked like cgo off. */
  readonly cgoMode?: "static" | "dynamic";
  /** The glibc floor metadata.json records for a dynamic cgo binary of this target. */
  readonly glibc?: string;
  readonly snapshot: boolean;
  readonly goVersion: string;
  readonly stamps: ReadonlyArray<{ readonly symbol: string; readonly value: string }>;
}

const pass = (check: string, detail = ""): CheckResult => ({ check, status: "pass", detail });
const fail = (check: string, detail: string): CheckResult => ({ check, status: "fail", detail });
const skip = (check: string, detail: string): CheckResult => ({ check, status: "skip", detail });
const verdict = (check: string, ok: boolean, detail: string) =>
  ok ? pass(check, detail) : fail(check, detail);

export function checkBinary(info: BinaryInfo, bytes: Uint8Array, expect: BinaryExpectation): CheckResult[] {
  const setting = (key: string) => info.buildInfo.settings.find((s) => s.key === key)?.value;
  const stamps = confirmStamps(bytes, info.buildInfo, expect.stamps);
  const missing = stamps.filter((s) => !s.found);
  return [
    checkTarget(info, expect.target, setting),
    ...cgoLinkageChecks(info, expect),
    asked(expect, "stripped", "-s in -ldflags") ??
      verdict(
        "stripped",
        info.debug.stripped,
        info.debug.stripped ? "" : `${info.debug.symbolCount} symbols, DWARF ${info.debug.dwarf}`,
      ),
    asked(expect, "noBuildId", "-buildid= in -ldflags") ??
      verdict("no build ID", info.buildId === "", info.buildId ? `build ID ${info.buildId}` : ""),
    asked(expect, "trimpath", "-trimpath") ??
      verdict("trimpath", setting("-trimpath") === "true", `-trimpath=${setting("-trimpath") ?? "unset"}`),
    expect.cgo
      ? expect.cgoMode
        ? verdict(
            "cgo on",
            setting("CGO_ENABLED") === "1",
            `CGO_ENABLED=${setting("CGO_ENABLED") ?? "unset"}`,
          )
        : skip("cgo off", "cgo is configured")
      : verdict(
          "cgo off",
          setting("CGO_ENABLED") === "0",
          `CGO_ENABLED=${setting("CGO_ENABLED") ?? "unset"}`,
        ),
    expect.snapshot
      ? skip("vcs clean", "snapshot release")
      : verdict(
          "vcs clean",
          setting("vcs.modified") !== "true",
          `vcs.modified=${setting("vcs.modified") ?? "unset"}`,
        ),
    verdict(
      "stamps",
      missing.length === 0,
      missing.length === 0
        ? `${stamps.length} found`
        : `not found: ${missing.map((s) => `${s.symbol}=${s.value}`).join(", ")}`,
    ),
    verdict(
      "go version",
      info.buildInfo.goVersion === expect.goVersion,
      `${info.buildInfo.goVersion} (release: ${expect.goVersion})`,
    ),
    asked(expect, "trimpath", "-trimpath") ??
      verdict("no local paths", info.leakedPaths.length === 0, info.leakedPaths.slice(0, 3).join(", ")),
  ];
}

function checkTarget(
  info: BinaryInfo,
  target: Target,
  setting: (key: string) => string | undefined,
): CheckResult {
  const problems: string[] = [];
  if (setting("GOOS") !== target.goos) problems.push(`GOOS=${setting("GOOS")}`);
  if (setting("GOARCH") !== target.goarch) problems.push(`GOARCH=${setting("GOARCH")}`);
  if (info.header.goarch !== undefined && info.header.goarch !== target.goarch)
    problems.push(`header says ${info.header.goarch}`);
  const variable = levelVariable(target.goarch);
  const level = effectiveLevel(target);
  // Build info records the level without float-ABI suffixes for some variables; compare the prefix.
  if (variable && level && !(setting(variable) ?? "").startsWith(level.split(",")[0]!)) {
    problems.push(`${variable}=${setting(variable) ?? "unset"}, want ${level}`);
  }
  const want = [target.goos, target.goarch, level].filter(Boolean).join("/");
  return verdict(
    "target",
    problems.length === 0,
    problems.length === 0 ? want : `${problems.join(", ")}; want ${want}`,
  );
}

const allowedDlls = new Set(["kernel32.dll"]);
// What Go's own standard library links on darwin with CGO_ENABLED=0: libSystem always, libresolv
// for net's DNS lookups, Security and CoreFoundation for crypto/x509's system roots. Anything else
// (a Homebrew library, an @rpath) means the binary will not run on a stock Mac.
const allowedDylibs = new Set([
  "/usr/lib/libSystem.B.dylib",
  "/usr/lib/libresolv.9.dylib",
  "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation",
  "/System/Library/Frameworks/Security.framework/Versions/A/Security",
]);

/**
 * A static cgo binary is held to the same rule as a pure-Go one (on Windows the C runtime it
 * imports is part of the system); a dynamic one lists what it needs and must not need a newer
 * glibc than the release says.
 */
function cgoLinkageChecks(info: BinaryInfo, expect: BinaryExpectation): CheckResult[] {
  if (!expect.cgo) return [checkLinkage(info, expect)];
  if (expect.cgoMode === "static") {
    if (info.linkage.format !== "pe") return [checkLinkage(info, expect)];
    const runtime = info.linkage.dlls.filter((dll) => !isWindowsSystemDll(dll));
    return [
      verdict(
        "static",
        runtime.length === 0,
        runtime.length
          ? `imports ${runtime.join(", ")}`
          : `system DLLs only: ${info.linkage.dlls.join(", ")}`,
      ),
    ];
  }
  if (expect.cgoMode !== "dynamic" || info.linkage.format !== "elf")
    return [skip("static", "cgo is configured")];
  const { needed, glibc } = info.linkage;
  const linkage = pass("linkage", `${info.linkage.fileVerdict}: ${needed.join(", ") || "nothing"}`);
  if (!glibc) return [linkage, skip("glibc floor", "needs no versioned glibc symbol")];
  return [
    linkage,
    verdict(
      "glibc floor",
      expect.glibc === glibc,
      `needs glibc ${glibc}${expect.glibc === glibc ? "" : ` (release says ${expect.glibc ?? "nothing"})`}`,
    ),
  ];
}

/**
 * The C runtime mingw-w64 links against (UCRT's api-ms-win-crt-*, msvcrt) ships with Windows;
 * MinGW's own runtime DLLs (libgcc_s_*, libwinpthread-1, libstdc++-6) do not, and a binary that
 * imports them does not run on a stock Windows.
 */
function isWindowsSystemDll(dll: string): boolean {
  const name = dll.toLowerCase();
  return (
    !name.startsWith("lib") &&
    (allowedDlls.has(name) || /^(api-ms-win-|ucrtbase|msvcrt|ws2_32|advapi32|user32|bcrypt|ntdll)/.test(name))
  );
}

/**
 * Systems where Go's own standard library calls the C library even with cgo off: such a binary is
 * never static, and is as portable as Go makes it when it links only the system's libraries.
 */
const libcSystems: Readonly<Record<string, RegExp>> = {
  openbsd: /^lib(c|pthread)\.so(\.[\d.]+)?$/,
  solaris: /^lib(c|socket|nsl|sendfile|xnet|pthread|m|kstat|dl|rt)\.so(\.\d+)?$/,
  illumos: /^lib(c|socket|nsl|sendfile|xnet|pthread|m|kstat|dl|rt)\.so(\.\d+)?$/,
};

function checkLinkage(info: BinaryInfo, expect: BinaryExpectation): CheckResult {
  const linkage = info.linkage;
  switch (linkage.format) {
    case "elf": {
      const system = libcSystems[expect.target.goos];
      if (system) {
        const extra = linkage.needed.filter((lib) => !system.test(lib));
        return verdict(
          "static",
          extra.length === 0,
          extra.length
            ? `links ${extra.join(", ")}`
            : `system libraries only (${linkage.needed.join(", ") || "none"}), as Go links on ${expect.target.goos}`,
        );
      }
      // -buildmode=pie (asked for in the config, recorded in build info) needs the dynamic loader
      // to relocate it, and nothing else: not static by design, but still no shared library.
      const buildmode = info.buildInfo.settings.find((s) => s.key === "-buildmode")?.value;
      if (buildmode === "pie" && linkage.needed.length === 0 && linkage.interpreter)
        return skip("static", `-buildmode=pie: no shared library, only the loader ${linkage.interpreter}`);
      return verdict(
        "static",
        linkage.static,
        linkage.fileVerdict + (linkage.needed.length ? `: ${linkage.needed.join(", ")}` : ""),
      );
    }
    case "pe": {
      const extra = linkage.dlls.filter((dll) => !allowedDlls.has(dll.toLowerCase()));
      return verdict(
        "static",
        extra.length === 0,
        extra.length ? `imports ${extra.join(", ")}` : "kernel32.dll only",
      );
    }
    case "macho": {
      const extra = linkage.dylibs.map((d) => d.name).filter((name) => !allowedDylibs.has(name));
      return verdict(
        "static",
        extra.length === 0,
        extra.length ? `links ${extra.join(", ")}` : "libSystem only",
      );
    }
  }
}

const checkNames: Record<keyof BuildExpectation, string> = {
  trimpath: "trimpath",
  stripped: "stripped",
  noBuildId: "no build ID",
};

/** A skip when the release's build did not ask for what the check proves; undefined to run it. */
function asked(
  expect: BinaryExpectation,
  what: keyof BuildExpectation,
  flag: string,
): CheckResult | undefined {
  if (!expect.build || expect.build[what]) return undefined;
  return skip(checkNames[what], `not asked for (no ${flag} in the build)`);
}

/** The expectations of a build line as metadata.json records it. */
export function buildExpectation(build: {
  readonly flags: readonly string[];
  readonly ldflags: string;
}): BuildExpectation {
  const words = build.ldflags.split(/\s+/);
  return {
    trimpath: build.flags.includes("-trimpath"),
    stripped: words.includes("-s"),
    noBuildId: words.some((w) => w === "-buildid=" || w === "-buildid=''" || w === '-buildid=""'),
  };
}
