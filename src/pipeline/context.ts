// The release context: resolved options, the services steps use, and the facts steps establish.
import os from "node:os";
import path from "node:path";
import { type KindDeclarations, KindRegistry } from "../artifacts/kinds.js";
import { ArtifactRegistry } from "../artifacts/registry.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { AnySection } from "../config/section.js";
import type { GitState } from "../git/state.js";
import { type GoEnvInput, goEnv } from "../go/build-args.js";
import type { GoModule } from "../go/module.js";
import type { Target } from "../go/targets.js";
import type { Toolchain } from "../go/toolchain.js";
import { createLogger, type Logger } from "../log/logger.js";
import { type Progress, silentProgress } from "../log/progress.js";
import { createExec, type Exec } from "../process/exec.js";
import { Facts } from "./facts.js";

/** How a part of a sharded release chooses its targets: a share of n runners, or one GOOS. */
export type PartSelection =
  | { readonly by: "shard"; readonly index: number; readonly count: number }
  | { readonly by: "goos"; readonly goos: string; readonly goarch?: string };

/** Options of `build` and `release`; every field is optional. */
export interface ReleaseOptions {
  /** Module root (default: the current directory). */
  dir?: string;
  /** Output directory, relative to `dir` (default `dist`). */
  dist?: string;
  /** Remove an existing dist first; without it a non-empty dist is an error. */
  clean?: boolean;
  /** `os/arch[/level]` targets (default: the six release targets). */
  targets?: readonly string[];
  /** Build only the host's target. */
  singleTarget?: boolean;
  /** Main packages to release (`./cmd/api`), instead of the module-root and `cmd/*` mains. */
  mains?: readonly string[];
  /** Allow a dirty, untagged or non-git tree; marks the release as a snapshot. */
  snapshot?: boolean;
  /** Targets built at once (default: the config's parallelism, else the number of CPUs). */
  parallelism?: number;
  /** Config file, relative to `dir` (default: goship.yaml/yml/json, else a GoReleaser v2 file). */
  config?: string;
  /** Reuse binaries whose build inputs are unchanged (default true); never changes output bytes. */
  cache?: boolean;
  /** Skip the verification of the release's own bytes at the end of `release`. */
  skipVerify?: boolean;
  /** Release a GoReleaser file whose artifact-making sections goship does not implement, without them. */
  allowUnimplemented?: boolean;
  /** Before publishing, rebuild from a fresh clone in another environment and compare every artifact. */
  verifyReproducible?: boolean;
  /** With `verifyReproducible`: run diffoscope, when installed, on each pair of files that differ. */
  diffoscope?: boolean;
  /** Linux package formats (deb, rpm, apk, archlinux) made when the config has no `nfpms`. */
  packages?: readonly string[];
  /** `registry/repository[:tag]`: also build a scratch multi-platform image of the main binary. */
  image?: string;
  /** Build only one part of the release (a CI runner's share) and leave a manifest for `merge`. */
  part?: PartSelection;
  /** `merge`: the partial dists to bring together instead of building. */
  parts?: readonly string[];
  /** Release notes from files instead of git (`--release-notes`, `--release-header`, …). */
  releaseNotes?: ReleaseNotesFiles;
  /** How `publish` talks to forges. */
  publishing?: PublishingOptions;
  /** The environment builds start from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  progress?: Progress;
  signal?: AbortSignal;
  exec?: Exec;
}

/** Files that replace or frame the changelog; `*Template` ones are rendered first. Paths are relative to `dir`. */
export interface ReleaseNotesFiles {
  readonly notes?: string;
  readonly notesTemplate?: string;
  readonly header?: string;
  readonly headerTemplate?: string;
  readonly footer?: string;
  readonly footerTemplate?: string;
}

export interface PublishingOptions {
  /** Print what would be published; send nothing. */
  readonly dryRun?: boolean;
  /** Attempts after the first on network failures, 5xx and rate limits (default 4). */
  readonly retries?: number;
  /** First backoff in ms, growing quadratically (default 1000). */
  readonly retryBaseMs?: number;
  /** A request without an answer for this long is retried (default 120000 ms). */
  readonly timeoutMs?: number;
  /** GitHub asks for 1 s between writes (default 1000 ms). */
  readonly writeSpacingMs?: number;
}

export interface ResolvedOptions {
  readonly dir: string;
  readonly distDir: string;
  readonly clean: boolean;
  readonly targets: readonly string[] | undefined;
  readonly singleTarget: boolean;
  readonly mains: readonly string[] | undefined;
  readonly snapshot: boolean;
  readonly parallelism: number;
  /** The explicit config path, if one was given. */
  readonly config: string | undefined;
  /** Whether dist and parallelism came from the caller (they then win over the config). */
  readonly given: { readonly dist: boolean; readonly parallelism: boolean };
  readonly cache: boolean;
  readonly skipVerify: boolean;
  readonly allowUnimplemented: boolean;
  readonly verifyReproducible: boolean;
  readonly diffoscope: boolean;
  /** Linux package formats for zero config (`--packages`). */
  readonly packages: readonly string[];
  /** `--image`: a zero-config image of the main binary for the linux targets. */
  readonly image: string | undefined;
  readonly part: PartSelection | undefined;
  /** Absolute paths of the parts a merge reads. */
  readonly parts: readonly string[] | undefined;
  readonly releaseNotes: ReleaseNotesFiles;
  readonly publishing: PublishingOptions;
  /** GOMAXPROCS of each `go build`, or undefined to leave Go's default (all CPUs). */
  readonly childMaxProcs: number | undefined;
}

/** Facts about the release itself, fixed before anything is built. */
export interface ReleaseInfo {
  readonly project: string;
  readonly version: string;
  readonly commit: string;
  /** Unix seconds embedded as the date and used for every archive entry. */
  readonly time: number;
  /** RFC 3339 UTC form of `time`. */
  readonly date: string;
  readonly snapshot: boolean;
  readonly dirty: boolean;
  /** Stamp VCS facts into build info: only inside a git work tree with a commit. */
  readonly buildvcs: boolean;
  /** The release tag (`v1.2.3`), or "" when there is none. */
  readonly tag: string;
  /** The version before a snapshot template applied: `git describe`, or the tag without its `v`. */
  readonly baseVersion: string;
  readonly shortCommit: string;
  /** `git describe --tags --always --dirty`. */
  readonly summary: string;
  /** The commit's own time, unix seconds (0 without a commit). */
  readonly commitTime: number;
}

export interface ReleaseContext {
  readonly command: "build" | "release";
  /** Replaced once by configStep when the config sets dist or parallelism. */
  options: ResolvedOptions;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  readonly log: Logger;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  readonly artifacts: ArtifactRegistry;
  /** The artifact kinds the pipeline can make, with what happens to each (checksummed, uploaded, …). */
  readonly kinds: KindRegistry;
  /** The config sections of the pipeline's steps, resolved by the config step. */
  readonly sections: readonly AnySection[];
  /** Typed values steps share: `ctx.facts.get(key)` with `const key = factKey<T>("name")`. */
  readonly facts: Facts;
  /** Run in reverse order when the release fails or is interrupted. */
  readonly onFailure: Array<() => Promise<void>>;
  /** Run in reverse order when the run ends, whatever the outcome. */
  readonly onExit: Array<() => Promise<void>>;
  // Established once, by the step named beside each.
  toolchain?: Toolchain; // toolchainStep
  module?: GoModule; // moduleStep
  config?: ResolvedConfig; // configStep (narrowed to the chosen targets by targetsStep)
  git?: GitState; // gitStep
  release?: ReleaseInfo; // gitStep
  targets?: readonly Target[]; // targetsStep
  /** Where files are written before they are complete (inside dist, same filesystem). */
  stagingDir?: string; // distStep
}

/** The formats a context knows: the declarations of its pipeline's steps (see `kindsOf`, `sectionsOf`). */
export interface Formats {
  readonly kinds?: readonly KindDeclarations[];
  readonly sections?: readonly AnySection[];
}

export function createContext(
  command: ReleaseContext["command"],
  options: ReleaseOptions,
  formats: Formats = {},
): ReleaseContext {
  const dir = path.resolve(options.dir ?? process.cwd());
  const log = options.logger ?? createLogger();
  return {
    command,
    options: {
      dir,
      distDir: path.resolve(dir, options.dist ?? "dist"),
      clean: options.clean ?? false,
      targets: options.targets,
      singleTarget: options.singleTarget ?? false,
      mains: options.mains,
      snapshot: options.snapshot ?? false,
      parallelism: options.parallelism ?? os.availableParallelism(),
      config: options.config,
      given: { dist: options.dist !== undefined, parallelism: options.parallelism !== undefined },
      cache: options.cache ?? true,
      skipVerify: options.skipVerify ?? false,
      allowUnimplemented: options.allowUnimplemented ?? false,
      verifyReproducible: options.verifyReproducible ?? false,
      diffoscope: options.diffoscope ?? false,
      packages: options.packages ?? [],
      image: options.image,
      part: options.part,
      parts: options.parts?.map((p) => path.resolve(p)),
      releaseNotes: options.releaseNotes ?? {},
      publishing: options.publishing ?? {},
      childMaxProcs: undefined,
    },
    env: options.env ?? process.env,
    exec: options.exec ?? createExec(log.debug),
    log,
    progress: options.progress ?? silentProgress,
    signal: options.signal ?? new AbortController().signal,
    artifacts: new ArtifactRegistry(),
    kinds: new KindRegistry(formats.kinds),
    sections: formats.sections ?? [],
    facts: new Facts(),
    onFailure: [],
    onExit: [],
  };
}

/** A fact an earlier step must have established; its absence is a bug in the step order. */
export function need<
  K extends "toolchain" | "module" | "config" | "git" | "release" | "targets" | "stagingDir",
>(ctx: ReleaseContext, key: K): NonNullable<ReleaseContext[K]> {
  const value = ctx[key];
  if (value === undefined) throw new Error(`internal: ${key} is used before the step that establishes it`);
  return value as NonNullable<ReleaseContext[K]>;
}

/** The environment every go command of this run uses (GOFLAGS replaced, target variables cleared). */
export function goEnvInput(ctx: ReleaseContext, maxProcs?: number): GoEnvInput {
  return { base: ctx.env, modMode: ctx.module?.modMode ?? "readonly", maxProcs };
}

export function goEnvOf(ctx: ReleaseContext): NodeJS.ProcessEnv {
  return goEnv(goEnvInput(ctx));
}
