// The only module that starts processes: argv arrays, explicit env and cwd, cancellation that
// kills the whole process tree, and failures that carry the command's output.
import { spawn } from "node:child_process";
import { CancelledError, ReleaseError } from "../errors.js";
import type { DebugFn } from "../log/logger.js";

export interface ExecOptions {
  readonly cwd: string;
  /** The complete environment of the child (never merged implicitly with ours). */
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Resolve instead of throwing when the command exits non-zero. */
  readonly allowFailure?: boolean;
  /** Kill the command after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Written to the command's stdin, which is then closed (credential helpers read the server there). */
  readonly input?: string;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export type Exec = (command: string, args: readonly string[], options: ExecOptions) => Promise<ExecResult>;

/** A command that ran and failed; `output` is what it printed on stderr (and stdout). */
export class ExecError extends ReleaseError {
  readonly command: string;
  /** The command's own exit status (not goship's exit code). */
  readonly status: number;
  readonly stderr: string;

  constructor(command: string, args: readonly string[], result: ExecResult) {
    const output = [result.stderr.trim(), result.stdout.trim()].filter(Boolean).join("\n");
    super(`\`${[command, ...args].join(" ")}\` exited with status ${result.exitCode}`, { output });
    this.command = command;
    this.status = result.exitCode;
    this.stderr = result.stderr;
  }
}

/** The command is not installed (ENOENT). */
export class CommandNotFoundError extends ReleaseError {
  constructor(command: string) {
    super(`\`${command}\` was not found on PATH; install it (and check PATH) then run goship again`);
  }
}

/** The command ran longer than its timeout and was killed. */
export class ExecTimeoutError extends ReleaseError {
  constructor(command: string, timeoutMs: number) {
    super(`\`${command}\` did not finish within ${timeoutMs} ms and was stopped`);
  }
}

export function createExec(debug?: DebugFn): Exec {
  return (command, args, options) => run(command, args, options, debug);
}

function run(
  command: string,
  args: readonly string[],
  options: ExecOptions,
  debug?: DebugFn,
): Promise<ExecResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  debug?.(`exec ${command} ${args.join(" ")}`, { cwd: options.cwd });
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so cancelling can kill the compiler and
    // linker processes `go build` starts, not only `go` itself.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      detached: true,
    });
    if (options.input !== undefined) {
      child.stdin?.on("error", () => {}); // a child that exits without reading must not crash us
      child.stdin?.end(options.input);
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const killTree = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killTree();
          }, options.timeoutMs);
    signal?.addEventListener("abort", killTree, { once: true });
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", killTree);
      reject(error.code === "ENOENT" ? new CommandNotFoundError(command) : error);
    });
    child.on("close", (code, killedBy) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", killTree);
      if (signal?.aborted) return reject(new CancelledError());
      if (timedOut) return reject(new ExecTimeoutError(command, options.timeoutMs ?? 0));
      const result: ExecResult = {
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        exitCode: code ?? (killedBy ? 128 : 1),
      };
      if (result.exitCode !== 0 && !options.allowFailure) reject(new ExecError(command, args, result));
      else resolve(result);
    });
  });
}
