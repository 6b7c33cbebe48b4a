// The changelog text: filter, sort, group and format entries exactly as GoReleaser does.
import { type ChangelogEntry, uniqueAuthors } from "./entries.js";
import { BadChangelogSettingError } from "./errors.js";
import { compilePattern } from "./regexp.js";

export interface ChangelogGroup {
  readonly title: string;
  /** Matched against the subject; empty takes every entry no earlier group took. */
  readonly regexp: string;
  /** Groups are matched in the order declared and shown sorted by this. */
  readonly order: number;
  /** Subgroups share out their parent's entries the same way, one heading level deeper. */
  readonly groups: readonly ChangelogGroup[];
}

export interface ChangelogLayout {
  readonly sort: "" | "asc" | "desc";
  readonly abbrev: number;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly groups: readonly ChangelogGroup[];
  /** `"\n"`, or `"   \n"` (a markdown hard break) for GitLab and Gitea release bodies. */
  readonly newline: string;
}

/** Renders the `format` template of one entry; the fields are GoReleaser's. */
export type LineRenderer = (fields: Readonly<Record<string, unknown>>) => string;

export function checkSort(sort: string): "" | "asc" | "desc" {
  if (sort === "" || sort === "asc" || sort === "desc") return sort;
  throw new BadChangelogSettingError("sort", sort, '"asc", "desc" or nothing (the order of the commits)');
}

/** `## Changelog`, then each non-empty group's `### title` and its `* ` lines. */
export function formatChangelog(
  entries: readonly ChangelogEntry[],
  layout: ChangelogLayout,
  renderLine: LineRenderer,
): string {
  const kept = sortEntries(filterEntries(entries, layout), layout.sort);
  const line = (entry: ChangelogEntry) => `* ${renderLine(lineFields(entry, layout.abbrev))}`;
  const lines = ["## Changelog"];
  if (layout.groups.length === 0) lines.push(...kept.map(line));
  else lines.push(...groupLines(kept, layout.groups, 3, line, "changelog.groups"));
  return lines.join(layout.newline);
}

function groupLines(
  entries: readonly ChangelogEntry[],
  groups: readonly ChangelogGroup[],
  level: number,
  line: (entry: ChangelogEntry) => string,
  where: string,
): string[] {
  let left = [...entries];
  const filled: Array<{ group: ChangelogGroup; entries: ChangelogEntry[]; index: number }> = [];
  for (const [index, group] of groups.entries()) {
    let taken: ChangelogEntry[];
    if (group.regexp === "") {
      taken = left;
      left = [];
    } else {
      const matches = compilePattern(group.regexp, `${where}[${index}].regexp ("${group.title}")`);
      taken = left.filter((e) => matches(e.message));
      left = left.filter((e) => !matches(e.message));
    }
    filled.push({ group, entries: taken, index });
    // GoReleaser stops at the first group that leaves nothing, so later groups are never compiled.
    if (left.length === 0) break;
  }
  // Stable, as Go's sort is for these short lists: equal orders keep their declared order.
  filled.sort((a, b) => a.group.order - b.group.order);
  const out: string[] = [];
  for (const { group, entries: taken, index } of filled) {
    if (taken.length === 0) continue;
    out.push(heading(group.title, level));
    if (group.groups.length === 0) out.push(...taken.map(line));
    else out.push(...groupLines(taken, group.groups, level + 1, line, `${where}[${index}].groups`));
  }
  return out;
}

function heading(title: string, level: number): string {
  return title === "" ? "" : `${"#".repeat(level)} ${title}`;
}

/** `include` (when any) keeps, pattern by pattern, what each matches; else `exclude` removes. */
export function filterEntries(
  entries: readonly ChangelogEntry[],
  layout: Pick<ChangelogLayout, "include" | "exclude">,
): ChangelogEntry[] {
  if (layout.include.length > 0) {
    // An entry matching two includes appears twice, as in GoReleaser.
    return layout.include.flatMap((pattern, i) => {
      const matches = compilePattern(pattern, `changelog.filters.include[${i}]`);
      return entries.filter((e) => matches(e.message));
    });
  }
  let kept = [...entries];
  layout.exclude.forEach((pattern, i) => {
    const matches = compilePattern(pattern, `changelog.filters.exclude[${i}]`);
    kept = kept.filter((e) => !matches(e.message));
  });
  return kept;
}

/** Byte-wise comparison of subjects, as Go's strings.Compare. */
export function sortEntries(entries: readonly ChangelogEntry[], sort: "" | "asc" | "desc"): ChangelogEntry[] {
  if (sort === "") return [...entries];
  const sign = sort === "asc" ? 1 : -1;
  return [...entries].sort((a, b) => sign * Buffer.compare(Buffer.from(a.message), Buffer.from(b.message)));
}

/** `abbrev`: 0 keeps the full SHA, a negative value empties it, N keeps N characters. */
export function abbreviate(sha: string, abbrev: number): string {
  if (abbrev === 0) return sha;
  if (abbrev < 0) return "";
  return sha.slice(0, abbrev);
}

/** The template fields of one line, GoReleaser's names (the Author* ones are deprecated there). */
export function lineFields(entry: ChangelogEntry, abbrev: number): Record<string, unknown> {
  const authors = uniqueAuthors(entry.authors);
  const first = entry.authors[0];
  return {
    SHA: abbreviate(entry.sha, abbrev),
    Message: entry.message,
    Authors: authors.map((a) => ({ Name: a.name, Email: a.email, Username: a.username })),
    Logins: authors.filter((a) => a.username !== "").map((a) => `@${a.username}`),
    AuthorName: first?.name ?? "",
    AuthorEmail: first?.email ?? "",
    AuthorUsername: first?.username ?? "",
  };
}
