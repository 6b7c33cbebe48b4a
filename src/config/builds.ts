// Builds as the pipeline sees them, and goship's defaults for what a goship.yaml leaves out.

import { releaseLdflagWords } from "../go/build-args.js";
import type { MainPackage } from "../go/module.js";
import type { Target } from "../go/targets.js";
import type { UserBuild, UserHook } from "./schema.js";

/** How a build uses cgo. `off`: CGO_ENABLED=0. `static`: musl, fully static. `dynamic`: the system's glibc. */
export type CgoMode = "off" | "static" | "dynamic";

/** A build's setting before zero-config detection: `auto` decides from the packages it imports. */
export type CgoSetting = CgoMode | "auto";

/** goship.yaml accepts `true`/`false` too: `true` is CGO_ENABLED=1 with the system's libc. */
export function cgoSettingOf(value: boolean | CgoMode | undefined): CgoSetting {
  if (value === undefined) return "auto";
  if (value === true) return "dynamic";
  if (value === false) return "off";
  return value;
}

/** A command run around builds. `words` is split like a shell would, `shell` goes to `sh -c`. */
export interface ResolvedHook {
  readonly kind: "argv" | "words" | "shell";
  /** Templates: the argv list, or the single command line. */
  readonly cmd: readonly string[];
  readonly dir: string;
  readonly env: readonly string[];
  readonly output: boolean;
  /** Where the hook is in the config, for messages (`builds[0].hooks.pre[1]`). */
  readonly where: string;
}

export interface ResolvedMain {
  /** Package path relative to the build's dir, as passed to `go build` (`./cmd/api`). */
  readonly package: string;
  /** Binary name template (`api`, or `{{ .ProjectName }}`). */
  readonly binary: string;
}

/**
 * How the build's argv, environment and output path are shaped: goship's fixed reproducible flags
 * and pinned environment, or exactly what GoReleaser runs for a GoReleaser file.
 */
export type BuildFlavor = "goship" | "goreleaser";

export interface ResolvedBuild {
  readonly id: string;
  readonly flavor: BuildFlavor;
  readonly mains: readonly ResolvedMain[];
  /** Directory `go build` runs in, relative to the module root. */
  readonly dir: string;
  readonly targets: readonly Target[];
  /** KEY=VALUE templates. */
  readonly env: readonly string[];
  readonly flags: readonly string[];
  readonly asmflags: readonly string[];
  readonly gcflags: readonly string[];
  /** Joined with spaces into one -ldflags; no -ldflags at all when the list is empty. */
  readonly ldflags: readonly string[];
  /** `-X symbol=value` appended to ldflags, values quoted for cmd/go. */
  readonly stamps: ReadonlyArray<readonly [symbol: string, value: string]>;
  /**
   * The config names no stamps: the stamps step replaces `stamps` with the module's own version,
   * commit and date variables, whatever they are called.
   */
  readonly discoverStamps?: boolean;
  readonly tags: readonly string[];
  /** off/static/dynamic, `auto` to detect from the imported packages, or undefined to leave
   * CGO_ENABLED and CC to the environment (GoReleaser's way). */
  readonly cgo: CgoSetting | undefined;
  /** Unix-seconds template applied as the binary's mtime; "" leaves it. */
  readonly modTimestamp: string;
  /** Template: the build is left out when it renders "true". */
  readonly skip: string;
  /** GoReleaser's `dist/<id>_<target>/` folder per target (false: all in dist). */
  readonly uniqueDistDir: boolean;
  /** `-buildmode=` value, or "" for none. */
  readonly buildmode: string;
  /** The go command (template), `go` unless a GoReleaser file names another. */
  readonly tool: string;
  /** Per-target details that replace the build's (GoReleaser's `overrides`), first match wins. */
  readonly overrides: readonly BuildOverride[];
  readonly hooks: { readonly pre: readonly ResolvedHook[]; readonly post: readonly ResolvedHook[] };
}

/** Details of one target: set fields replace the build's, env adds to it. */
export interface BuildOverride {
  /** GoReleaser's target id, `linux_amd64_v1`. */
  readonly target: string;
  readonly env: readonly string[];
  readonly details: Partial<
    Pick<ResolvedBuild, "flags" | "asmflags" | "gcflags" | "ldflags" | "tags" | "buildmode">
  >;
}

/** The build as one target sees it, its override applied. */
export function forTarget(build: ResolvedBuild, targetId: string): ResolvedBuild {
  const override = build.overrides.find((o) => o.target === targetId);
  if (!override) return build;
  return { ...build, ...override.details, env: [...build.env, ...override.env] };
}

export interface BuildProject {
  readonly projectName: string;
  readonly mains: readonly MainPackage[];
}

/** The default build of a module: every main package, goship's flags, stamps and targets. */
export const defaultLdflags: readonly string[] = releaseLdflagWords;

export const defaultStampTemplates: ReadonlyArray<readonly [string, string]> = [
  ["main.version", "{{ .Version }}"],
  ["main.commit", "{{ .FullCommit }}"],
  ["main.date", "{{ .CommitDate }}"],
];

export interface BuildDefaultsInput {
  readonly user: UserBuild;
  readonly project: BuildProject;
  /** Targets after --targets / top-level targets / goos×goarch have been resolved by the caller. */
  readonly targets: readonly Target[];
  readonly hooks: { readonly pre: readonly ResolvedHook[]; readonly post: readonly ResolvedHook[] };
  /** Main packages the build names, already checked against the module. */
  readonly mains: readonly ResolvedMain[];
}

export function withBuildDefaults(input: BuildDefaultsInput): ResolvedBuild {
  const { user, project, mains } = input;
  const single = mains.length === 1 ? mains[0] : undefined;
  return {
    id: user.id ?? (single ? single.binary : project.projectName),
    flavor: "goship",
    mains: user.binary !== undefined && single ? [{ ...single, binary: user.binary }] : mains,
    dir: ".",
    targets: input.targets,
    env: user.env ?? [],
    flags: user.flags ?? [],
    asmflags: [],
    gcflags: [],
    ldflags: user.ldflags === undefined ? defaultLdflags : toList(user.ldflags),
    stamps: user.stamps === undefined ? defaultStampTemplates : Object.entries(user.stamps),
    discoverStamps: user.stamps === undefined && user.ldflags === undefined,
    tags: user.tags ?? [],
    cgo: cgoSettingOf(user.cgo),
    modTimestamp: "",
    skip: String(user.skip ?? false),
    uniqueDistDir: true,
    buildmode: "",
    tool: "go",
    overrides: [],
    hooks: input.hooks,
  };
}

/** Main packages of the module as the default build's mains. */
export function moduleMains(mains: readonly MainPackage[]): ResolvedMain[] {
  return mains.map((m) => ({ package: m.relativePath, binary: m.binary }));
}

export function toList(value: string | readonly string[]): string[] {
  return typeof value === "string" ? [value] : [...value];
}

/** Normalises the hook forms of goship.yaml and GoReleaser files. */
export function resolveHook(hook: UserHook, where: string): ResolvedHook {
  if (Array.isArray(hook)) return { kind: "argv", cmd: hook, dir: "", env: [], output: false, where };
  if (typeof hook === "string") return { kind: "words", cmd: [hook], dir: "", env: [], output: false, where };
  const cmd = hook.cmd;
  const kind = Array.isArray(cmd) ? "argv" : hook.shell ? "shell" : "words";
  return {
    kind,
    cmd: Array.isArray(cmd) ? cmd : [cmd as string],
    dir: hook.dir ?? "",
    env: hook.env ?? [],
    output: hook.output ?? false,
    where,
  };
}

/** `pre`/`post`: one command line, or a list of hooks (an argv list is one hook: `[[go, generate]]`). */
export function resolveHooks(hooks: string | readonly UserHook[] | undefined, where: string): ResolvedHook[] {
  if (hooks === undefined) return [];
  if (typeof hooks === "string") return [resolveHook(hooks, `${where}[0]`)];
  return hooks.map((hook, i) => resolveHook(hook, `${where}[${i}]`));
}
