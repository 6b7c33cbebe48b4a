// The one error type goship reports to users; anything else reaching the CLI is a bug.

/** Exit codes the CLI maps errors to. */
export const ExitCode = {
  /** Bad input or a failed release: the message says what to do. */
  failure: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** Interrupted by SIGINT/SIGTERM. */
  interrupted: 130,
} as const;

export interface ReleaseErrorOptions {
  cause?: unknown;
  /** Key/value facts shown under the message (target, module, file…). */
  details?: Readonly<Record<string, string>>;
  /** Output of a failed subprocess, shown verbatim. */
  output?: string;
  exitCode?: number;
}

/** An expected failure: a clear message that says what went wrong and what to do next. */
export class ReleaseError extends Error {
  readonly exitCode: number;
  readonly details: Readonly<Record<string, string>>;
  readonly output: string | undefined;
  /** The pipeline step that failed, set by the runner ("building binaries"). */
  step: string | undefined;

  constructor(message: string, options: ReleaseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.failure;
    this.details = options.details ?? {};
    this.output = options.output;
  }
}

/** Wrong flags or arguments on the command line. */
export class UsageError extends ReleaseError {
  constructor(message: string, options: ReleaseErrorOptions = {}) {
    super(message, { exitCode: ExitCode.usage, ...options });
  }
}

/** The run was cancelled (Ctrl-C); everything it started has been stopped and cleaned. */
export class CancelledError extends ReleaseError {
  constructor(signal = "SIGINT") {
    super(`interrupted by ${signal}; nothing of this run was kept`, { exitCode: ExitCode.interrupted });
  }
}

export function isReleaseError(error: unknown): error is ReleaseError {
  return error instanceof ReleaseError;
}
