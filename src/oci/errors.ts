// Errors about images: layouts, references, Dockerfiles and registries.
import { ReleaseError, type ReleaseErrorOptions } from "../errors.js";

/** An OCI layout on disk that is missing, incomplete or corrupt. */
export class LayoutError extends ReleaseError {
  constructor(message: string, dir: string, options: ReleaseErrorOptions = {}) {
    super(message, { ...options, details: { layout: dir, ...options.details } });
  }
}

/** An image reference that cannot be parsed. */
export class ImageReferenceError extends ReleaseError {
  constructor(reference: string, why: string) {
    super(
      `invalid image reference ${JSON.stringify(reference)}: ${why}; write it as registry/repository[:tag]`,
      {
        details: { reference },
      },
    );
  }
}

/** A Dockerfile that uses more than goship builds without a daemon. */
export class DockerfileError extends ReleaseError {
  constructor(message: string, file: string, line: number) {
    super(message, { details: { dockerfile: `${file}:${line}` } });
  }
}

/** Image settings that cannot be built (no linux target, a missing file, a bad platform). */
export class ImageConfigError extends ReleaseError {}

/** A registry refused a request or kept failing; the message says which and what to do. */
export class RegistryError extends ReleaseError {}

/** The registry refused the credentials (401/403 after authenticating). */
export class RegistryAuthError extends RegistryError {}
