// Config problems: every one with its dot-path and, for YAML and JSON files, line and column.
import { ReleaseError } from "../errors.js";

export interface ConfigIssue {
  /** `builds[0].ldflags`; "" for the file as a whole. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** `builds[0].targets[1]` from ["builds", 0, "targets", 1]. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** `goship.yaml:12:5: builds[0].ldflags: expected …`, the form editors and terminals link. */
export function formatIssue(file: string | undefined, issue: ConfigIssue): string {
  const where = file ? `${file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ""}: ` : "";
  return `${where}${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

/** The config cannot be used; the output lists every problem found, not only the first. */
export class ConfigError extends ReleaseError {
  readonly file: string | undefined;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string | undefined, issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`${file ?? "the configuration"} is invalid (${count}); fix it and run \`goship check\``, {
      output: issues.map((issue) => formatIssue(file, issue)).join("\n"),
    });
    this.file = file;
    this.issues = issues;
  }
}

export class ConfigNotFoundError extends ReleaseError {
  constructor(file: string) {
    super(`config file ${file} does not exist; check the --config path`);
  }
}
