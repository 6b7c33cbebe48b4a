// What stops a shard or a merge.
import { ReleaseError } from "../errors.js";

/** The parts given to `goship merge` do not make one release. */
export class PartsMismatchError extends ReleaseError {
  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `cannot merge: ${problems[0]}`
        : `cannot merge, for ${problems.length} reasons:\n  - ${problems.join("\n  - ")}`,
    );
  }
}

/** A directory given to `goship merge` is not a part that `goship release --shard` wrote. */
export class NotAPartError extends ReleaseError {
  constructor(label: string, why: string) {
    super(
      `${label} is not a part of a sharded release: its shard.json ${why}; make parts with \`goship release --shard i/n\` (or --split)`,
    );
  }
}

/** `--split` chose a GOOS (and GOARCH) that no target of the release has. */
export class EmptySplitError extends ReleaseError {
  constructor(selection: string, targets: readonly string[]) {
    super(
      `no target of this release is ${selection} (targets: ${targets.join(", ")}); set GGOOS/GGOARCH to one of them`,
    );
  }
}
