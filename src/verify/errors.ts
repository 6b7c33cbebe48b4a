// The error a failed verification raises: it names each artifact and check that failed.
import { ReleaseError } from "../errors.js";

export class VerificationFailedError extends ReleaseError {
  constructor(failures: readonly string[]) {
    super(
      `${failures.length} check${failures.length === 1 ? "" : "s"} failed; the release is not what it claims — see below`,
      {
        output: failures.join("\n"),
      },
    );
  }
}
