// Errors of the reproducibility proof; each says what the user can do next.
import { ReleaseError } from "../errors.js";

export class DirtyTreeUnprovableError extends ReleaseError {
  constructor(commit: string, changes: string) {
    super(
      `the work tree has uncommitted changes that a clean clone of ${commit.slice(0, 12)} does not have, so this release cannot be proven reproducible; commit or stash them and run again`,
      { output: changes },
    );
  }
}

export class NoCommitToCloneError extends ReleaseError {
  constructor(dir: string, next = "commit it first") {
    super(
      `a reproducibility proof rebuilds from a fresh clone of the commit, and this directory is not in a git repository with a commit; ${next}`,
      { details: { dir } },
    );
  }
}

export class CommitNotFoundError extends ReleaseError {
  constructor(ref: string, repo: string) {
    super(
      `${ref} is not in the repository goship clones from; fetch it (\`git fetch --tags\`) or pass --dir <a clone that has it>`,
      { details: { ref, repo } },
    );
  }
}

export class PublishedReleaseError extends ReleaseError {
  constructor(message: string, file: string) {
    super(message, { details: { file } });
  }
}

/** The independent rebuild did not finish: nothing could be compared. */
export class RebuildFailedError extends ReleaseError {
  constructor(message: string, details: Record<string, string>, output: string) {
    super(message, { details, output });
  }
}

/** The rebuild finished and some artifacts differ. */
export class NotReproducibleError extends ReleaseError {
  constructor(message: string, details: Record<string, string>, output: string) {
    super(message, { details, output });
  }
}

export class CliEntryNotFoundError extends ReleaseError {
  constructor(entry: string) {
    super(
      "the rebuild runs goship's compiled CLI and it was not found next to this module; run goship from its package (npm run build first in a checkout)",
      { details: { expected: entry } },
    );
  }
}
