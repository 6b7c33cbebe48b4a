// The environment every contender's `go` sees, so that only the scheduling differs between them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSync } from "./proc.mjs";

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const workDir = path.join(benchDir, "data");
export const cacheDir = path.join(benchDir, ".cache");

/** The six default release targets, in goship's order. */
export const defaultTargets = [
  "linux/amd64",
  "linux/arm64",
  "darwin/amd64",
  "darwin/arm64",
  "windows/amd64",
  "windows/arm64",
];

/**
 * Twelve targets for the scaling run: the defaults plus six that need no GOARM-style choice,
 * so every contender builds exactly the same thing.
 */
export const scalingTargets = [
  ...defaultTargets,
  "linux/386",
  "linux/ppc64le",
  "linux/s390x",
  "linux/riscv64",
  "freebsd/amd64",
  "freebsd/arm64",
];

/** The host target, used by the single-target scenario (goship's --single-target picks it too). */
export function hostTarget() {
  const [goos, goarch] = runSync("go", ["env", "GOOS", "GOARCH"], { env: baseEnv() }).trim().split("\n");
  return `${goos}/${goarch}`;
}

// Settings read once from the user's own Go configuration and then passed explicitly, because
// baseEnv() turns the go env file off (see there).
const carried = [
  "GOPATH",
  "GOMODCACHE",
  "GOPROXY",
  "GOSUMDB",
  "GONOSUMDB",
  "GOPRIVATE",
  "GONOPROXY",
  "GOINSECURE",
];
let carriedValues;

/**
 * Process env with Go settings made explicit. GOENV=off ignores the user's `go env -w` file and
 * GOFLAGS is dropped: a stray -buildvcs=false or -mod=mod there would change what gets built, and
 * an empty GOFLAGS variable does not override the file. GOTOOLCHAIN=local stops a toolchain
 * download mid-run; extra carries GOCACHE, GOPROXY and the cache home per contender.
 */
export function baseEnv(extra = {}) {
  if (!carriedValues) {
    const json = JSON.parse(runSync("go", ["env", "-json", ...carried], { env: process.env }));
    carriedValues = Object.fromEntries(Object.entries(json).filter(([, v]) => v !== ""));
  }
  const env = { ...process.env, ...carriedValues, GOENV: "off", GOTOOLCHAIN: "local", ...extra };
  for (const key of ["GOFLAGS", "GOOS", "GOARCH", "GOAMD64", "GOARM64", "CGO_ENABLED"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** The shared module cache: pre-warmed once, then read-only for every timed run. */
export function goModCache() {
  return runSync("go", ["env", "GOMODCACHE"], { env: baseEnv() }).trim();
}
