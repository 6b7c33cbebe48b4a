// Go's GOOS/GOARCH ↔ Node's process.platform/process.arch: the names npm's `os` and `cpu`
// fields and the launcher's lookup use.
import type { Target } from "../../go/targets.js";

const nodeOs: Readonly<Record<string, string>> = {
  linux: "linux",
  darwin: "darwin",
  windows: "win32",
  freebsd: "freebsd",
  openbsd: "openbsd",
  netbsd: "netbsd",
  android: "android",
  solaris: "sunos",
};

// Node has no name for big-endian ppc64 or mips64 on Linux; their Go builds get no package.
const nodeCpu: Readonly<Record<string, string>> = {
  amd64: "x64",
  arm64: "arm64",
  "386": "ia32",
  arm: "arm",
  ppc64le: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
  mips64le: "mips64el",
  mipsle: "mipsel",
};

export interface NodePlatform {
  /** process.platform */
  readonly os: string;
  /** process.arch */
  readonly cpu: string;
}

/** The Node platform a Go target runs on, or undefined when Node has no name for it. */
export function nodePlatformOf(target: Target): NodePlatform | undefined {
  // AIX is big-endian ppc64 only, which Node names like little-endian Linux ppc64.
  if (target.goos === "aix") return target.goarch === "ppc64" ? { os: "aix", cpu: "ppc64" } : undefined;
  const os = nodeOs[target.goos];
  const cpu = nodeCpu[target.goarch];
  return os && cpu ? { os, cpu } : undefined;
}

/** `@acme/tool` + linux/x64 → `@acme/tool-linux-x64`. */
export function platformPackageName(mainName: string, platform: NodePlatform): string {
  return `${mainName}-${platform.os}-${platform.cpu}`;
}
