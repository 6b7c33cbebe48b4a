// The Go toolchain that will really build: resolved inside the module, honouring GOTOOLCHAIN.
import path from "node:path";
import type { Exec } from "../process/exec.js";
import { GoTooOldError, minimumGo } from "./errors.js";
import { runGo } from "./run.js";
import type { Platform } from "./targets.js";

export interface Toolchain {
  /** `go1.26.8`: what `go env GOVERSION` says inside the module (after any toolchain switch). */
  readonly goVersion: string;
  /** Absolute path of go.mod, or "" outside a module. */
  readonly goMod: string;
  readonly hostOs: string;
  readonly hostArch: string;
  /** GOFLAGS as the user's environment and `go env -w` would set it. */
  readonly userGoFlags: string;
  readonly goExperiment: string;
  readonly platforms: readonly Platform[];
  /** GOROOT, GOPATH (a list), GOMODCACHE, GOCACHE and GOTMPDIR: paths no release binary may contain. */
  readonly paths?: readonly string[];
}

const envKeys = [
  "GOVERSION",
  "GOMOD",
  "GOHOSTOS",
  "GOHOSTARCH",
  "GOFLAGS",
  "GOEXPERIMENT",
  "GOROOT",
  "GOPATH",
  "GOMODCACHE",
  "GOCACHE",
  "GOTMPDIR",
] as const;

/** One `go env -json` and one `go tool dist list -json` per run. */
export async function resolveToolchain(
  exec: Exec,
  dir: string,
  userEnv: NodeJS.ProcessEnv,
  goEnv: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<Toolchain> {
  // Read with the user's own environment: GOFLAGS is reported as it would apply, so we can warn.
  const envOut = await runGo(exec, ["env", "-json", ...envKeys], dir, userEnv, signal);
  const values = JSON.parse(envOut) as Record<(typeof envKeys)[number], string>;
  checkGoVersion(values.GOVERSION);
  const listOut = await runGo(exec, ["tool", "dist", "list", "-json"], dir, goEnv, signal);
  return {
    goVersion: values.GOVERSION,
    goMod: values.GOMOD === "/dev/null" || values.GOMOD === "NUL" ? "" : values.GOMOD,
    hostOs: values.GOHOSTOS,
    hostArch: values.GOHOSTARCH,
    userGoFlags: values.GOFLAGS ?? "",
    goExperiment: values.GOEXPERIMENT ?? "",
    platforms: parsePlatforms(listOut),
    paths: [
      values.GOROOT,
      ...(values.GOPATH ?? "").split(path.delimiter),
      values.GOMODCACHE,
      values.GOCACHE,
      values.GOTMPDIR,
    ].filter((p): p is string => typeof p === "string" && p !== ""),
  };
}

export function parsePlatforms(json: string): Platform[] {
  const raw = JSON.parse(json) as Array<{ GOOS: string; GOARCH: string; FirstClass?: boolean }>;
  return raw.map((p) => ({ goos: p.GOOS, goarch: p.GOARCH, firstClass: p.FirstClass === true }));
}

/** Accepts `go1.21`, `go1.26.8`, `go1.27rc1`, `devel go1.27-abcdef …`. */
export function parseGoVersion(version: string): { major: number; minor: number } | undefined {
  const match = /go(\d+)\.(\d+)/.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

export function checkGoVersion(version: string): void {
  const parsed = parseGoVersion(version);
  if (!parsed) throw new GoTooOldError(version || "an unknown Go version");
  if (
    parsed.major < minimumGo.major ||
    (parsed.major === minimumGo.major && parsed.minor < minimumGo.minor)
  ) {
    throw new GoTooOldError(version);
  }
}
