// Go targets as zig cc target triples: musl for static builds, glibc (gnu) for dynamic ones.

import type { CgoMode } from "../config/builds.js";
import { effectiveLevel, type Target } from "../go/targets.js";

const ARCHES: Record<string, string> = {
  amd64: "x86_64",
  arm64: "aarch64",
  "386": "x86",
  riscv64: "riscv64",
  ppc64le: "powerpc64le",
  s390x: "s390x",
  loong64: "loongarch64",
};

/**
 * The `-target` triple zig needs for a Go target, or undefined when zig cannot produce it.
 * darwin needs a macOS SDK that zig does not ship (Go links CoreFoundation and libresolv), so it
 * is left to a user-supplied CC.
 */
export function zigTriple(target: Target, mode: Exclude<CgoMode, "off">): string | undefined {
  const libc = mode === "static" ? "musl" : "gnu";
  if (target.goos === "linux") {
    if (target.goarch === "arm") {
      // GOARM=5 has no FPU: soft-float ABI; 6 and 7 use the hard-float ABI.
      const soft = (effectiveLevel(target) ?? "7").startsWith("5");
      return `arm-linux-${libc}eabi${soft ? "" : "hf"}`;
    }
    const arch = ARCHES[target.goarch];
    return arch ? `${arch}-linux-${libc}` : undefined;
  }
  if (target.goos === "windows") {
    if (target.goarch === "amd64") return "x86_64-windows-gnu";
    if (target.goarch === "arm64") return "aarch64-windows-gnu";
    if (target.goarch === "386") return "x86-windows-gnu";
  }
  return undefined;
}
