// Errors of the changelog: bad patterns, bad settings, unreadable notes files.
import { ReleaseError } from "../errors.js";

export class BadChangelogRegexpError extends ReleaseError {
  constructor(where: string, pattern: string, reason: string) {
    super(
      `${where} is not a valid RE2 regular expression (${reason}); fix the pattern (Go's regexp syntax, as GoReleaser reads it)`,
      { details: { pattern } },
    );
  }
}

export class BadChangelogSettingError extends ReleaseError {
  constructor(key: string, value: string, allowed: string) {
    super(`changelog.${key} "${value}" is not supported; use ${allowed}`);
  }
}

export class NotesFileError extends ReleaseError {
  constructor(flag: string, file: string, cause: unknown) {
    super(`cannot read the ${flag} file; check the path`, { cause, details: { file } });
  }
}

export class ChangelogSourceError extends ReleaseError {
  constructor(message: string, options: { cause?: unknown; output?: string } = {}) {
    super(message, options);
  }
}
