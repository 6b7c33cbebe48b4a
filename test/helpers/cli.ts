// Runs the compiled goship CLI as a user would, capturing its output and exit code.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./fixture.js";

export const cliPath = path.join(repoRoot, "dist/cli/main.js");

// goship's output cache and timings live in a directory of this test file's own, so a run
// never reuses binaries from an earlier test run: integration tests always really build.
const isolatedCache = mkdtempSync(path.join(os.tmpdir(), "goship-test-cache-"));
process.on("exit", () => rmSync(isolatedCache, { recursive: true, force: true }));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs through `sh -c` with this umask. */
  umask?: string;
}

function checkBuilt(): void {
  if (!existsSync(cliPath))
    throw new Error("dist/cli/main.js is missing: run `npm run build` before the integration tests");
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  checkBuilt();
  const argv = options.umask
    ? ["sh", ["-c", `umask ${options.umask} && exec "$0" "$@"`, process.execPath, cliPath, ...args]]
    : [process.execPath, [cliPath, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv[1] as string[], {
      cwd: options.cwd ?? repoRoot,
      env: { GOSHIP_CACHE_DIR: isolatedCache, ...(options.env ?? process.env) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A real tool's output (tar, unzip, file, go, sha256sum); throws with its stderr on failure. */
export function tool(
  command: string,
  args: readonly string[],
  cwd?: string,
  env?: NodeJS.ProcessEnv,
): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}
