// Typed failures of the binary readers: the CLI prints either as one line, and nothing else escapes.
import { ReleaseError, type ReleaseErrorOptions } from "../errors.js";

/** The bytes claim a known executable format but a field points outside the file or contradicts another. */
export class MalformedBinaryError extends ReleaseError {
  constructor(what: string, options: ReleaseErrorOptions = {}) {
    super(`malformed: ${what}`, options);
  }
}

/** The file is not an ELF, PE or Mach-O executable, or it carries no Go build information. */
export class NotAGoBinaryError extends ReleaseError {
  constructor(reason = "not a Go executable", options: ReleaseErrorOptions = {}) {
    super(reason, options);
  }
}

/** True for the only two errors the readers are allowed to throw. */
export function isBinaryReadError(error: unknown): error is MalformedBinaryError | NotAGoBinaryError {
  return error instanceof MalformedBinaryError || error instanceof NotAGoBinaryError;
}
