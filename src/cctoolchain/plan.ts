// Pure choice of the C toolchain, its environment and the extra linker flags for one cgo target.

import type { CgoMode } from "../config/builds.js";
import { formatTarget, type Target } from "../go/targets.js";
import { NoCToolchainError } from "./errors.js";
import { zigTriple } from "./zig-targets.js";

/** C compilers found on this machine (absolute paths). */
export interface FoundToolchains {
  readonly zig?: { readonly path: string; readonly version: string };
  /** Debian's musl-tools wrapper: static musl for the host architecture only. */
  readonly muslGcc?: string;
  /** The system's gcc: dynamic glibc for the host architecture. */
  readonly gcc?: string;
}

export interface CgoTargetPlan {
  readonly mode: Exclude<CgoMode, "off">;
  /** CC and CXX (plus zig's cache directories); the config's own env still wins over these. */
  readonly env: Readonly<Record<string, string>>;
  /** -ldflags words added after the build's own. */
  readonly ldflags: readonly string[];
  /** What compiled the C code, without any local path: `zig 0.17.1 cc -target x86_64-linux-musl`. */
  readonly compiler: string;
}

export interface PlanInput {
  readonly mode: Exclude<CgoMode, "off">;
  readonly target: Target;
  readonly host: { readonly goos: string; readonly goarch: string };
  readonly found: FoundToolchains;
  /** Where zig keeps what it builds once per target (musl, compiler-rt, mingw): never in the tree. */
  readonly zigCacheDir: string;
  /** The config's env sets CC itself: goship adds only the mode's linker flags. */
  readonly configuredCC?: boolean;
}

/**
 * External linking is what cgo needs; `-extldflags` comes last on the C linker's line, so its
 * `-s` strips the DWARF that zig's libc and the default CGO_LDFLAGS (-g) would otherwise carry,
 * with the absolute paths of the libc sources and of the package directory in it.
 */
export function cgoLdflags(mode: Exclude<CgoMode, "off">): string[] {
  return mode === "static"
    ? ["-linkmode=external", "-extldflags", "'-static -s'"]
    : ["-linkmode=external", "-extldflags=-s"];
}

/**
 * zig when it is installed: one compiler for every target, so the choice never depends on which
 * target is built where. Without zig, the host's own musl-gcc (static) or gcc (dynamic).
 */
export function planCgoTarget(input: PlanInput): CgoTargetPlan {
  const { mode, target, found } = input;
  const isHost = target.goos === input.host.goos && target.goarch === input.host.goarch;
  // macOS has no static libc at all: a darwin build with the config's CC links as Go links it.
  const ldflags = target.goos === "darwin" ? [] : cgoLdflags(mode);
  const triple = zigTriple(target, mode);
  if (input.configuredCC) return { mode, env: {}, ldflags, compiler: "CC from the config's env" };
  if (mode === "dynamic" && isHost && target.goos === "linux" && found.gcc)
    return { mode, env: { CC: found.gcc }, ldflags, compiler: "gcc" };
  if (found.zig && triple) {
    const zig = quoteCommandWord(found.zig.path);
    return {
      mode,
      env: {
        CC: `${zig} cc -target ${triple}`,
        CXX: `${zig} c++ -target ${triple}`,
        ZIG_GLOBAL_CACHE_DIR: input.zigCacheDir,
        ZIG_LOCAL_CACHE_DIR: input.zigCacheDir,
      },
      ldflags,
      compiler: `zig ${found.zig.version} cc -target ${triple}`,
    };
  }
  if (mode === "static" && isHost && target.goos === "linux" && found.muslGcc)
    return { mode, env: { CC: found.muslGcc }, ldflags, compiler: "musl-gcc" };
  throw new NoCToolchainError(formatTarget(target), mode, howToGet(target, mode, isHost, triple));
}

function howToGet(target: Target, mode: CgoMode, isHost: boolean, triple: string | undefined): string {
  if (target.goos === "darwin")
    return "cgo for macOS needs the macOS SDK: build darwin targets on a Mac, set CC for them in the build's env, or leave them out of the build's targets";
  if (!triple) return `zig cannot build C code for ${formatTarget(target)}; set CC for it in the build's env`;
  const zig =
    "install zig (`pip install ziglang==0.17.1` and put its `zig` on PATH, or set GOSHIP_ZIG to the zig binary, or set GOSHIP_INSTALL_ZIG=1 to let goship install it)";
  if (isHost && target.goos === "linux")
    return mode === "static"
      ? `${zig}, or install musl-gcc (Debian/Ubuntu: apt-get install musl-tools)`
      : `${zig}, or install gcc`;
  return zig;
}

/** cmd/go splits CC like a shell line: a path with spaces needs quotes. */
export function quoteCommandWord(word: string): string {
  return /[\s'"]/.test(word) ? `'${word.replace(/'/g, "")}'` : word;
}
