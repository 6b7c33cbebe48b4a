// Finds the C toolchains a cgo release can use: zig (GOSHIP_ZIG, PATH, or goship's own install
// from PyPI), the host's musl-gcc and gcc. Only `zig version` is run; the rest is a PATH lookup.
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { type Exec, ExecError } from "../process/exec.js";
import { ZigBrokenError } from "./errors.js";
import { installedZig, installZig, pinnedZigVersion } from "./install.js";
import type { FoundToolchains } from "./plan.js";

export interface DiscoverInput {
  readonly exec: Exec;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** goship's cache directory: where an installed zig and zig's build cache live. */
  readonly cacheDir: string;
  readonly signal?: AbortSignal;
  /** Called before a long install, so the user knows why the run waits. */
  readonly onInstall?: (version: string) => void;
}

export async function discoverToolchains(input: DiscoverInput): Promise<FoundToolchains> {
  const { env } = input;
  const zigPath =
    env.GOSHIP_ZIG ||
    (await onPath("zig", env)) ||
    (await installedZig(input.cacheDir, pinnedZigVersion(env))) ||
    (env.GOSHIP_INSTALL_ZIG === "1" ? await install(input) : undefined);
  return {
    zig: zigPath ? { path: zigPath, version: await zigVersion(input, zigPath) } : undefined,
    muslGcc: await onPath("musl-gcc", env),
    gcc: await onPath("gcc", env),
  };
}

async function install(input: DiscoverInput): Promise<string> {
  const version = pinnedZigVersion(input.env);
  input.onInstall?.(version);
  return installZig({ ...input, version });
}

async function zigVersion(input: DiscoverInput, zig: string): Promise<string> {
  try {
    const result = await input.exec(zig, ["version"], {
      cwd: input.cwd,
      env: input.env,
      signal: input.signal,
    });
    return result.stdout.trim();
  } catch (error) {
    if (error instanceof ExecError) throw new ZigBrokenError(zig, error.output ?? "");
    throw new ZigBrokenError(zig, (error as Error).message);
  }
}

/** The absolute path `command` resolves to on PATH, as a shell would find it. */
export async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const file = path.join(dir, command);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** zig's own caches: the caller's ZIG_GLOBAL_CACHE_DIR, else one beside goship's cache. */
export function zigCacheDir(env: NodeJS.ProcessEnv, cacheDir: string): string {
  return env.ZIG_GLOBAL_CACHE_DIR || path.join(cacheDir, "zig-cache");
}
