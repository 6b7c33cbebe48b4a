// Pure construction of `go build` argv and environment; nothing here spawns a process.
import { levelVariables, type Target, targetEnv } from "./targets.js";

export type ModMode = "readonly" | "vendor";

/** `-X importpath.name=value` stamps, in the order they are passed. */
export type Stamps = ReadonlyArray<readonly [symbol: string, value: string]>;

export interface BuildArgsInput {
  readonly packagePath: string;
  readonly output: string;
  readonly modMode: ModMode;
  readonly buildvcs: boolean;
  readonly stamps: Stamps;
}

/** The fixed release flags of the seed: no paths, no symbols, no build ID, locked module graph. */
export function goBuildArgs(input: BuildArgsInput): string[] {
  return [
    "build",
    "-trimpath",
    `-mod=${input.modMode}`,
    `-buildvcs=${input.buildvcs}`,
    `-ldflags=${releaseLdflags(input.stamps)}`,
    "-o",
    input.output,
    input.packagePath,
  ];
}

/**
 * `-s -w` strip symbols and DWARF; `-buildid=` removes the build ID, which otherwise depends on
 * the action graph and is the first thing that differs between machines.
 */
export function releaseLdflags(stamps: Stamps): string {
  return [
    "-s",
    "-w",
    "-buildid=",
    ...stamps.flatMap(([symbol, value]) => ["-X", quoteLdflag(`${symbol}=${value}`)]),
  ].join(" ");
}

/** The stamps every goship release sets on package main. */
export function defaultStamps(version: string, commit: string, date: string): Stamps {
  return [
    ["main.version", version],
    ["main.commit", commit],
    ["main.date", date],
  ];
}

/** Quotes one -ldflags word the way cmd/go splits them (quoted.Split: '…' or "…", no escapes). */
export function quoteLdflag(word: string): string {
  if (word !== "" && !/[\s'"]/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('"')) return `"${word}"`;
  throw new Error(`an -ldflags value cannot contain both ' and ": ${word}`);
}

/** Variables of the caller's environment that would silently change what a release builds. */
export const controlledVariables: readonly string[] = [
  "GOFLAGS",
  "GOOS",
  "GOARCH",
  "CGO_ENABLED",
  "GO111MODULE",
  ...levelVariables,
];

export interface GoEnvInput {
  readonly base: NodeJS.ProcessEnv;
  readonly modMode: ModMode;
  /** GOMAXPROCS for the child, when goship schedules the CPUs itself. */
  readonly maxProcs?: number;
}

/**
 * The environment of every go command goship runs. GOFLAGS is replaced, not cleared: an empty
 * GOFLAGS makes go fall back to a value set with `go env -w`, so we set one that says what we pass.
 */
export function goEnv(input: GoEnvInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...input.base };
  for (const name of controlledVariables) delete env[name];
  env.GOFLAGS = `-mod=${input.modMode}`;
  env.GO111MODULE = "on";
  if (input.maxProcs !== undefined) env.GOMAXPROCS = String(input.maxProcs);
  return env;
}

/** The environment of one target's `go build`: static (no cgo) and fully pinned. */
export function goBuildEnv(input: GoEnvInput, target: Target): NodeJS.ProcessEnv {
  return { ...goEnv(input), CGO_ENABLED: "0", ...targetEnv(target) };
}
