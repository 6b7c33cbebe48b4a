// Runs diffoscope, when it is installed, on each pair of files that differ: the deepest diff there is.
import { CommandNotFoundError, type Exec } from "../process/exec.js";

/** diffoscope output is unbounded; the report keeps the start of each. */
const MAX_LINES = 400;

export interface DiffoscopeResult {
  readonly path: string;
  readonly output: string;
}

/** Undefined when diffoscope is not installed. */
export async function runDiffoscope(
  exec: Exec,
  pairs: ReadonlyArray<{ path: string; release: string; rebuild: string }>,
  env: NodeJS.ProcessEnv,
  cwd: string,
  signal?: AbortSignal,
): Promise<DiffoscopeResult[] | undefined> {
  const results: DiffoscopeResult[] = [];
  for (const pair of pairs) {
    try {
      // Exit status 1 means "differences found", which is why it runs at all.
      const run = await exec("diffoscope", ["--no-progress", "--text", "-", pair.release, pair.rebuild], {
        cwd,
        env,
        signal,
        allowFailure: true,
        timeoutMs: 15 * 60_000,
      });
      const lines = `${run.stdout}${run.exitCode > 1 ? run.stderr : ""}`.split("\n");
      const cut =
        lines.length > MAX_LINES
          ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`]
          : lines;
      results.push({ path: pair.path, output: cut.join("\n").trimEnd() });
    } catch (error) {
      if (error instanceof CommandNotFoundError) return undefined;
      throw error;
    }
  }
  return results;
}
