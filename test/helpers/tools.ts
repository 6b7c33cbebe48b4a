// Real tools the tests need (dpkg-deb, lintian, rpm, pacman, zig, qemu…): found on PATH or in the
// CI tools cache, never faked. Missing ones fail in CI and skip with a message naming them elsewhere.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where CI installs tools: `$GOSHIP_TOOLS`, else `~/.cache/goship-tools`; their `bin` is searched too. */
export const toolsDir = process.env.GOSHIP_TOOLS || path.join(os.homedir(), ".cache", "goship-tools");

/**
 * Whether `command` is on PATH. In CI a missing tool is a failure: the tests that need it must
 * not pass silently, so this throws there; locally the caller skips with a message naming it.
 */
export function hasTool(command: string): boolean {
  const found = spawnSync("sh", ["-c", 'command -v "$0"', command], { encoding: "utf8" }).status === 0;
  if (!found && process.env.CI) {
    throw new Error(`${command} is not installed: .ci/run must install it before the tests run`);
  }
  return found;
}

/** Runs a tool and returns its result without throwing, for tests that check exit codes. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The first of `names` found on PATH or in the tools cache, as an absolute path. */
export function findTool(...names: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), path.join(toolsDir, "bin")];
  for (const name of names) {
    for (const dir of dirs.filter((d) => path.isAbsolute(d))) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The missing tools' names, or [] when all are there. In CI a missing tool throws: a test that
 * cannot run its real consumer has failed, not passed.
 */
export function missingTools(wanted: Record<string, string | undefined>): string[] {
  const missing = Object.entries(wanted)
    .filter(([, found]) => found === undefined)
    .map(([name]) => name);
  if (missing.length > 0 && process.env.CI)
    throw new Error(`missing tools in CI: ${missing.join(", ")}; .ci/run must install them`);
  if (missing.length > 0) console.warn(`skipping: ${missing.join(", ")} not installed`);
  return missing;
}
