// Errors about the repository state a release is made from.
import { ReleaseError } from "../errors.js";

export class DirtyTreeError extends ReleaseError {
  constructor(changes: string) {
    super(
      "the git tree has uncommitted changes; commit or stash them, or pass --snapshot for a test release",
      {
        output: changes,
      },
    );
  }
}

export class NotAGitRepositoryError extends ReleaseError {
  constructor(dir: string) {
    super(
      "not a git repository, so there is no version or commit to release; run `git init` and tag a commit, or pass --snapshot",
      {
        details: { dir },
      },
    );
  }
}

export class NoTagError extends ReleaseError {
  constructor() {
    super(
      "the repository has no tag to name the release; tag a commit (`git tag v0.1.0`) or pass --snapshot",
    );
  }
}

export class BadSourceDateEpochError extends ReleaseError {
  constructor(value: string) {
    super("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC; fix or unset it", {
      details: { SOURCE_DATE_EPOCH: value },
    });
  }
}

/** GoReleaser semantics: a release is made from the tagged commit itself. */
export class NotTaggedHeadError extends ReleaseError {
  constructor(tag: string, commit: string) {
    super(
      `git tag ${tag} was not made against commit ${commit}; tag the commit being released, or pass --snapshot`,
    );
  }
}

/** GoReleaser semantics: the tag must be a semantic version. */
export class NotSemverTagError extends ReleaseError {
  constructor(tag: string) {
    super(
      `tag ${JSON.stringify(tag)} is not a semantic version (v1.2.3); tag the release so, or pass --snapshot`,
    );
  }
}
