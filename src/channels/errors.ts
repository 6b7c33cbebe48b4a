// Errors of the install channels (npm, Homebrew, Scoop, AUR, winget): each says what to do next.
import { ReleaseError, type ReleaseErrorOptions } from "../errors.js";

/** A channel's config cannot produce a manifest or package (missing name, no matching archive). */
export class ChannelConfigError extends ReleaseError {
  constructor(message: string, options: ReleaseErrorOptions = {}) {
    super(message, options);
  }
}

/** Pushing a manifest to its repository (tap, bucket, AUR) failed after bounded retries. */
export class ChannelPushError extends ReleaseError {
  constructor(message: string, options: ReleaseErrorOptions = {}) {
    super(message, options);
  }
}

/** The npm registry refused a package, or already holds different bytes under the same version. */
export class NpmPublishError extends ReleaseError {
  constructor(message: string, options: ReleaseErrorOptions = {}) {
    super(message, options);
  }
}
