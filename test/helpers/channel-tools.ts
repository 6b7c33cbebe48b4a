// Finding the real consumers the channel tests need (verdaccio, pnpm, ruby, makepkg): on PATH or
// in the tool cache CI fills (.ci/run). In CI a missing tool fails the test; locally it skips.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const toolCache = process.env.GOSHIP_TOOLS ?? path.join(os.homedir(), ".cache/goship-tools");

/** Absolute path of `name`, or undefined when it is neither on PATH nor in the tool cache. */
export function findTool(name: string): string | undefined {
  const dirs = [
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
    path.join(toolCache, "channels-npm/node_modules/.bin"),
  ];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The tools that are missing; throws in CI, where every tool must be installed by .ci/run. */
export function missingTools(...names: string[]): string[] {
  const missing = names.filter((n) => !findTool(n));
  if (missing.length > 0 && process.env.CI) {
    throw new Error(`${missing.join(", ")} not installed: .ci/run's install_channels installs them`);
  }
  return missing;
}

export function haveGo(): boolean {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error("go is not installed");
    return false;
  }
}
