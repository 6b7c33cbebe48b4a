// Installs zig from the `ziglang` PyPI package into goship's cache, at a pinned version, when the
// user asks for it (GOSHIP_INSTALL_ZIG=1). The wheel ships the official zig build unchanged.
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { type Exec, ExecError } from "../process/exec.js";
import { ZigInstallError } from "./errors.js";

/** The zig release goship is tested with; GOSHIP_ZIG_VERSION picks another. */
export const defaultZigVersion = "0.17.1";

export function pinnedZigVersion(env: NodeJS.ProcessEnv): string {
  return env.GOSHIP_ZIG_VERSION || defaultZigVersion;
}

function venvDir(cacheDir: string, version: string): string {
  return path.join(cacheDir, "toolchains", `ziglang-${version}`);
}

/** The zig binary of an earlier install, or undefined. */
export async function installedZig(cacheDir: string, version: string): Promise<string | undefined> {
  return findZigBinary(venvDir(cacheDir, version));
}

async function findZigBinary(venv: string): Promise<string | undefined> {
  let libs: string[];
  try {
    libs = await readdir(path.join(venv, "lib"));
  } catch {
    return undefined;
  }
  for (const python of libs.filter((name) => name.startsWith("python")).sort()) {
    const zig = path.join(venv, "lib", python, "site-packages", "ziglang", "zig");
    try {
      await readdir(path.dirname(zig));
      return zig;
    } catch {
      // not this python
    }
  }
  return undefined;
}

export interface InstallInput {
  readonly exec: Exec;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly cacheDir: string;
  readonly version: string;
  readonly signal?: AbortSignal;
}

/**
 * python3 -m venv + pip install ziglang==<version>, into a temporary directory renamed into place
 * only when complete, so an interrupted install is never mistaken for a finished one. pip retries
 * dropped connections and server errors itself (5 times).
 */
export async function installZig(input: InstallInput): Promise<string> {
  const final = venvDir(input.cacheDir, input.version);
  const partial = `${final}.partial-${process.pid}`;
  await mkdir(path.dirname(final), { recursive: true });
  await rm(partial, { recursive: true, force: true });
  const run = (command: string, args: string[]) =>
    input.exec(command, args, { cwd: input.cwd, env: input.env, signal: input.signal });
  try {
    await run("python3", ["-m", "venv", partial]);
    await run(path.join(partial, "bin", "pip"), [
      "install",
      "--quiet",
      "--disable-pip-version-check",
      `ziglang==${input.version}`,
    ]);
    await rm(final, { recursive: true, force: true });
    await rename(partial, final);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (error instanceof ExecError) throw new ZigInstallError(input.version, error.output ?? "");
    throw error;
  }
  const zig = await findZigBinary(final);
  if (!zig) throw new ZigInstallError(input.version, "the ziglang package has no zig binary");
  return zig;
}
