// Errors of the build step that come from the config rather than from the compiler.
import { ReleaseError } from "../errors.js";

export class ModTimestampError extends ReleaseError {
  constructor(template: string, value: string) {
    super(
      `${template} rendered "${value}", which is not a unix timestamp; use e.g. "{{ .CommitTimestamp }}"`,
    );
  }
}

export class StampTypeError extends ReleaseError {
  constructor(problems: readonly string[]) {
    super(`a configured -X stamp would make go build fail:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}
