// Real consumers of goship's outputs (dpkg-deb, lintian, rpm, pacman…): found on PATH, never faked.
import { spawnSync } from "node:child_process";

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
