// The template variables goship provides, and the static check that a template only reads them.
import { parseTemplate, referencedFields, TemplateError } from "../template/index.js";
import type { ConfigIssue } from "./errors.js";

/** Fields every template sees. */
export const releaseFieldNames: readonly string[] = [
  "ProjectName",
  "ModulePath",
  "Version",
  "RawVersion",
  "Tag",
  "Major",
  "Minor",
  "Patch",
  "Prerelease",
  "Commit",
  "FullCommit",
  "ShortCommit",
  "CommitDate",
  "CommitTimestamp",
  "Date",
  "Timestamp",
  "Now",
  "Summary",
  "IsSnapshot",
  "IsGitDirty",
  "IsGitClean",
  "GitTreeState",
  "IsSingleTarget",
  "Runtime",
  "Env",
  "Branch",
  "PreviousTag",
  "GitURL",
  "TagSubject",
  "TagContents",
  "TagBody",
  "IsNightly",
  "IsDraft",
  "ReleaseNotes",
  "ReleaseURL",
];

/** Fields of templates about one target's artifacts: builds, hooks, archives, checksum files. */
export const artifactFieldNames: readonly string[] = [
  "Os",
  "Arch",
  "Arm",
  "Amd64",
  "Arm64",
  "I386",
  "Mips",
  "Ppc64",
  "Riscv64",
  "Target",
  "ArchVariant",
  "Binary",
  "ArtifactName",
  "ArtifactPath",
  "ArtifactExt",
  "Name",
  "Ext",
  "Path",
  "Algorithm",
];

export type TemplateScope = "release" | "artifact";

export interface TemplateRef {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly source: string;
  readonly scope: TemplateScope;
  /** Fields this template gets beyond its scope's (a format's own, such as `.ConventionalFileName`). */
  readonly fields?: readonly string[];
}

/** Parses every template and checks the fields it reads; one issue per bad template. */
export function checkTemplates(
  refs: readonly TemplateRef[],
  formatPath: (path: ReadonlyArray<PropertyKey>) => string,
): Array<ConfigIssue & { readonly at: ReadonlyArray<PropertyKey> }> {
  const issues: Array<ConfigIssue & { at: ReadonlyArray<PropertyKey> }> = [];
  for (const ref of refs) {
    if (!ref.source.includes("{{")) continue;
    const name = formatPath(ref.path);
    try {
      const template = parseTemplate(ref.source, name);
      const known = new Set([
        ...(ref.scope === "release" ? releaseFieldNames : [...releaseFieldNames, ...artifactFieldNames]),
        ...(ref.fields ?? []),
      ]);
      const unknown = referencedFields(template).filter((field) => !known.has(field));
      if (unknown.length > 0) {
        const where =
          ref.scope === "release" && unknown.every((f) => artifactFieldNames.includes(f))
            ? " (a per-target field, not available here)"
            : "";
        const hint = unknown.length === 1 && !where ? closest(unknown[0]!, [...known]) : undefined;
        issues.push({
          at: ref.path,
          path: name,
          message: `template reads unknown field ${unknown.map((f) => `.${f}`).join(", ")}${where}${hint ? `; did you mean .${hint}?` : ""}`,
        });
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      issues.push({ at: ref.path, path: name, message: `bad template: ${error.message}` });
    }
  }
  return issues;
}

/** The known field a typo most likely meant: same letters in another case, or one or two edits away. */
function closest(field: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(field.length / 3)) + 1;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === field.toLowerCase() ? 0 : editDistance(field, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
