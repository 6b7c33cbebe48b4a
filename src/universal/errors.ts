// Errors of universal binaries.
import { ReleaseError } from "../errors.js";

export class UniversalModTimestampError extends ReleaseError {
  constructor(key: string, value: string) {
    super(`${key} must render to unix seconds, got "${value}"; use e.g. "{{ .CommitTimestamp }}"`);
  }
}
