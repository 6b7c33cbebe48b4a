// Errors of the build step that come from the config rather than from the compiler.
import { ReleaseError } from "../errors.js";

export class ModTimestampError extends ReleaseError {
  constructor(template: string, value: string) {
    super(
      `${template} rendered "${value}", which is not a unix timestamp; use e.g. "{{ .CommitTimestamp }}"`,
    );
  }
}
