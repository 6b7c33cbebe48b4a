// Runs one go command and turns its failures into goship's errors: no go on PATH, or a module
// that -mod=readonly refuses to change.
import { CommandNotFoundError, type Exec, ExecError } from "../process/exec.js";
import { GoMissingError, ModuleNeedsTidyError, needsTidy } from "./errors.js";

export async function runGo(
  exec: Exec,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  try {
    return (await exec("go", args, { cwd, env, signal })).stdout;
  } catch (error) {
    if (error instanceof CommandNotFoundError) throw new GoMissingError();
    if (error instanceof ExecError && needsTidy(error.stderr))
      throw new ModuleNeedsTidyError(error.stderr.trim());
    throw error;
  }
}
