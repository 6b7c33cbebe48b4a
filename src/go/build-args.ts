// Pure construction of `go build` argv and environment; nothing here spawns a process.
import { effectiveLevel, levelVariable, levelVariables, type Target, targetEnv } from "./targets.js";

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
  return goBuildLine({
    release: { modMode: input.modMode, buildvcs: input.buildvcs },
    flags: [],
    asmflags: [],
    gcflags: [],
    tags: [],
    ldflags: ldflagsWithStamps(releaseLdflagWords, input.stamps),
    output: input.output,
    packagePath: input.packagePath,
  });
}

export interface BuildLineInput {
  /** goship's fixed -trimpath -mod -buildvcs, or undefined for none (GoReleaser's line). */
  readonly release: { readonly modMode: ModMode; readonly buildvcs: boolean } | undefined;
  readonly flags: readonly string[];
  readonly asmflags: readonly string[];
  readonly gcflags: readonly string[];
  /** Passed as one -tags=a,b when not empty. */
  readonly tags: readonly string[];
  /** The whole -ldflags value, or undefined to pass none. */
  readonly ldflags: string | undefined;
  /** `-buildmode=` value; absent or "" for none. */
  readonly buildmode?: string;
  readonly output: string;
  readonly packagePath: string;
}

/**
 * `go build` argv in GoReleaser's order (buildGoBuildLine): flags, -asmflags=, -gcflags=, -tags=,
 * -ldflags=, -buildmode=, -o, package. -ldflags is one argument; cmd/go splits it, not a shell.
 */
export function goBuildLine(input: BuildLineInput): string[] {
  return [
    "build",
    ...(input.release
      ? ["-trimpath", `-mod=${input.release.modMode}`, `-buildvcs=${input.release.buildvcs}`]
      : []),
    ...input.flags,
    ...input.asmflags.map((f) => `-asmflags=${f}`),
    ...input.gcflags.map((f) => `-gcflags=${f}`),
    ...(input.tags.length > 0 ? [`-tags=${input.tags.join(",")}`] : []),
    ...(input.ldflags === undefined ? [] : [`-ldflags=${input.ldflags}`]),
    ...(input.buildmode ? [`-buildmode=${input.buildmode}`] : []),
    "-o",
    input.output,
    input.packagePath,
  ];
}

/** ldflags words joined with spaces, then one quoted `-X symbol=value` per stamp. */
export function ldflagsWithStamps(ldflags: readonly string[], stamps: Stamps): string {
  return [...ldflags, ...stamps.flatMap(([symbol, value]) => ["-X", quoteLdflag(`${symbol}=${value}`)])].join(
    " ",
  );
}

/** goship's linker flags, the one place they are written down (see `releaseLdflags`). */
export const releaseLdflagWords: readonly string[] = ["-s", "-w", "-buildid="];

/**
 * `-s -w` strip symbols and DWARF; `-buildid=` removes the build ID, which otherwise depends on
 * the action graph and is the first thing that differs between machines.
 */
export function releaseLdflags(stamps: Stamps): string {
  return ldflagsWithStamps(releaseLdflagWords, stamps);
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

/**
 * GoReleaser's build environment: the caller's (GOFLAGS still replaced, see goEnv), the config's
 * variables, then every target variable, the unused ones empty (Target.env in GoReleaser).
 */
export function goreleaserBuildEnv(
  input: GoEnvInput,
  configured: Readonly<Record<string, string>>,
  target: Target,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...input.base };
  env.GOFLAGS = `-mod=${input.modMode}`;
  if (input.maxProcs !== undefined) env.GOMAXPROCS = String(input.maxProcs);
  return { ...env, ...configured, ...goreleaserTargetEnv(target) };
}

export function goreleaserTargetEnv(target: Target): Record<string, string> {
  const variable = levelVariable(target.goarch);
  const level = effectiveLevel(target) ?? "";
  const of = (name: string) => (variable === name ? level : "");
  const mips = variable === "GOMIPS" || variable === "GOMIPS64" ? level : "";
  return {
    GOOS: target.goos,
    GOARCH: target.goarch,
    GOAMD64: of("GOAMD64"),
    GO386: of("GO386"),
    GOARM: of("GOARM"),
    GOARM64: of("GOARM64"),
    GOMIPS: mips,
    GOMIPS64: mips,
    GOPPC64: of("GOPPC64"),
    GORISCV64: of("GORISCV64"),
  };
}
