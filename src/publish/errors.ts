// Errors of publishing: what went wrong on which forge, and what to do; never a token.
import { ReleaseError } from "../errors.js";

export class MissingTokenError extends ReleaseError {
  constructor(forge: string, variable: string, envFileKey: string) {
    super(
      `no ${forge} token: set ${variable}, or point env_files.${envFileKey} at a file holding it; nothing was published`,
    );
  }
}

export class RejectedTokenError extends ReleaseError {
  constructor(forge: string, variable: string, status: number, url: string) {
    super(
      `${forge} rejected the token (HTTP ${status}); check that ${variable} is valid and may write releases of this repository; nothing was uploaded`,
      { details: { url } },
    );
  }
}

export class ForgeRequestError extends ReleaseError {
  constructor(
    forge: string,
    what: string,
    status: number,
    message: string,
    details: Record<string, string> = {},
  ) {
    const reason = status === 0 ? `the connection failed: ${message}` : `HTTP ${status}: ${message}`;
    super(
      `${forge} refused to ${what} (${reason}); a re-run resumes where this one stopped, uploading only what is missing`,
      { details },
    );
  }
}

export class ConflictingAssetError extends ReleaseError {
  constructor(forge: string, names: readonly string[], url: string) {
    super(
      `the ${forge} release already has ${names.length === 1 ? "an asset" : "assets"} with the same name but different bytes: ${names.join(", ")}; delete ${names.length === 1 ? "it" : "them"}, or set release.replace_existing_artifacts: true; nothing was uploaded`,
      { details: { release: url } },
    );
  }
}

export class AssetMismatchError extends ReleaseError {
  constructor(forge: string, name: string, expected: string, got: string) {
    super(
      `${forge} stored ${name} with different bytes than dist has (expected ${expected}, got ${got}); re-run to upload it again`,
    );
  }
}

export class DistNotPublishableError extends ReleaseError {
  constructor(reason: string, details: Record<string, string> = {}) {
    super(reason, { details });
  }
}

export class PublishConfigError extends ReleaseError {
  constructor(message: string) {
    super(message);
  }
}
