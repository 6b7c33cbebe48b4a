// Runs the independent rebuild: goship's own CLI in a child process, started through `sh` so that
// it gets another umask (Node cannot set one per child), with the environment from environment.ts.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Exec, ExecError } from "../process/exec.js";
import type { RebuiltArtifact } from "./compare.js";
import { CliEntryNotFoundError } from "./errors.js";

export interface RebuildRequest {
  readonly exec: Exec;
  readonly signal?: AbortSignal | undefined;
  /** The module directory inside the fresh clone. */
  readonly moduleDir: string;
  /** A dist outside the clone, not yet existing. */
  readonly distDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly umask: string;
  /**
   * `--targets` for the rebuild, or undefined to let the config (or the defaults) choose as the
   * release did: `--targets` replaces every build's own list, so it is passed only when given.
   */
  readonly targets: readonly string[] | undefined;
  readonly singleTarget?: boolean | undefined;
  readonly snapshot: boolean;
  /** `--packages` as the release had it (zero-config Linux packages). */
  readonly packages?: readonly string[] | undefined;
  readonly parallelism: number | undefined;
  /** The release's config file: relative to the module (found again in the clone) or absolute. */
  readonly config?: string | undefined;
}

export type RebuildOutcome =
  | {
      readonly ok: true;
      readonly artifacts: readonly RebuiltArtifact[];
      readonly goVersion: string;
      readonly version: string;
      readonly durationMs: number;
    }
  | { readonly ok: false; readonly output: string; readonly durationMs: number };

/** The compiled CLI next to this module (dist/reproduce → dist/cli/main.js). */
export function cliEntry(): string {
  return fileURLToPath(new URL("../cli/main.js", import.meta.url));
}

/** argv of the child: `sh -c 'umask … && exec "$0" "$@"' node main.js release …`. */
export function rebuildArgv(request: RebuildRequest, entry: string): [string, string[]] {
  if (!/^[0-7]{3,4}$/.test(request.umask)) throw new Error(`invalid umask ${request.umask}`);
  const args = [
    "release",
    "--dir",
    request.moduleDir,
    "--dist",
    request.distDir,
    ...(request.targets === undefined ? [] : ["--targets", request.targets.join(",")]),
    ...(request.singleTarget ? ["--single-target"] : []),
    ...(request.parallelism === undefined ? [] : ["--parallelism", String(request.parallelism)]),
    ...(request.snapshot ? ["--snapshot"] : []),
    ...(request.packages?.length ? ["--packages", request.packages.join(",")] : []),
    ...(request.config === undefined ? [] : ["--config", request.config]),
    "--json",
  ];
  return ["sh", ["-c", `umask ${request.umask} && exec "$0" "$@"`, process.execPath, entry, ...args]];
}

interface Summary {
  goVersion: string;
  version: string;
  artifacts: Array<{ path: string }>;
}

export async function runRebuild(request: RebuildRequest): Promise<RebuildOutcome> {
  const entry = cliEntry();
  if (!existsSync(entry)) throw new CliEntryNotFoundError(entry);
  const [command, args] = rebuildArgv(request, entry);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let stdout: string;
  try {
    ({ stdout } = await request.exec(command, args, {
      cwd: path.dirname(request.distDir),
      env: request.env,
      signal: request.signal,
    }));
  } catch (error) {
    if (!(error instanceof ExecError)) throw error;
    return { ok: false, output: error.stderr.trim(), durationMs: elapsed() };
  }
  const summary = JSON.parse(stdout) as Summary;
  const artifacts: RebuiltArtifact[] = [];
  for (const a of summary.artifacts) {
    const file = path.join(request.distDir, ...a.path.split("/"));
    artifacts.push({
      path: a.path,
      file,
      sha256: createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    });
  }
  return {
    ok: true,
    artifacts,
    goVersion: summary.goVersion,
    version: summary.version,
    durationMs: elapsed(),
  };
}
