// The `changelog` config section: GoReleaser's keys, GoReleaser's defaults for GoReleaser files,
// and conventional-commit groups for goship's zero config.
import { z } from "zod";
import type { ChangelogGroup } from "./format.js";

const boolOrTemplate = z.union([z.boolean(), z.string()]);

export type GroupInput = { title?: string; regexp?: string; order?: number; groups?: GroupInput[] };
const groupSchema: z.ZodType<GroupInput> = z.lazy(() =>
  z.strictObject({
    title: z.string().optional().meta({ description: "Heading of the group (`### title`)." }),
    regexp: z.string().optional().meta({
      description:
        'RE2 pattern matched against the commit subject; empty takes every commit no earlier group took. @default ""',
    }),
    order: z
      .number()
      .int()
      .optional()
      .meta({ description: "Position among the groups, lowest first. @default 0" }),
    groups: z
      .array(groupSchema)
      .optional()
      .meta({ description: "Subgroups of this group's commits (`####`)." }),
  }),
);

export const changelogSchema = z
  .strictObject({
    disable: boolOrTemplate
      .optional()
      .meta({ description: "Write no changelog (bool or template). @default false" }),
    use: z
      .enum(["git", "github", "gitlab", "gitea", "github-native"])
      .optional()
      .meta({ description: 'Where commits come from. @default "git"' }),
    sort: z.enum(["", "asc", "desc"]).optional().meta({
      description: 'Sort entries by subject; empty keeps the commit order (newest first). @default ""',
    }),
    abbrev: z
      .number()
      .int()
      .optional()
      .meta({ description: "SHA length: 0 keeps it whole, -1 removes it. @default 0" }),
    format: z.string().optional().meta({
      description: 'Template of each line. @default "{{ .SHA }} {{ .Message }}" for git',
    }),
    filters: z
      .strictObject({
        include: z
          .array(z.string())
          .optional()
          .meta({ description: "Keep only commits whose subject matches one of these RE2 patterns." }),
        exclude: z.array(z.string()).optional().meta({
          description:
            "Drop commits whose subject matches one of these RE2 patterns. @default merges, chore, docs and test commits (goship zero config)",
        }),
      })
      .optional(),
    groups: z.array(groupSchema).optional().meta({
      description: "Group entries by subject. @default Features, Bug fixes, Others (goship zero config)",
    }),
  })
  .meta({
    id: "Changelog",
    description: "The changelog written to dist/CHANGELOG.md and used as release notes.",
  });

export type ChangelogInput = z.infer<typeof changelogSchema>;
export type ChangelogSource = "git" | "github" | "gitlab" | "gitea" | "github-native";

export interface ResolvedChangelog {
  readonly disable: string;
  readonly use: ChangelogSource;
  readonly sort: "" | "asc" | "desc";
  readonly abbrev: number;
  readonly format: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly groups: readonly ChangelogGroup[];
}

export const gitLineFormat = "{{ .SHA }} {{ .Message }}";
export const apiLineFormat =
  "{{ .SHA }}: {{ .Message }} ({{ with .AuthorUsername }}@{{ . }}{{ else }}{{ .AuthorName }} <{{ .AuthorEmail }}>{{ end }})";

/** goship's zero config: conventional-commit groups, without merges and housekeeping commits. */
export const conventionalGroups: readonly ChangelogGroup[] = [
  { title: "Features", regexp: "^.*?feat(\\(.+?\\))??!?:.+$", order: 0, groups: [] },
  { title: "Bug fixes", regexp: "^.*?(fix|bug)(\\(.+?\\))??!?:.+$", order: 1, groups: [] },
  { title: "Others", regexp: "", order: 999, groups: [] },
];
export const conventionalExcludes: readonly string[] = [
  "^Merge (pull request|branch|remote-tracking branch|tag) ",
  "^(chore|docs|test)(\\(.+?\\))?!?:",
];

/**
 * GoReleaser files get GoReleaser's defaults (no groups, no filters), so their CHANGELOG.md is the
 * same text; goship files without groups or filters get the conventional layout.
 */
export function resolveChangelog(
  user: ChangelogInput | undefined,
  flavor: "goship" | "goreleaser",
): ResolvedChangelog {
  const use = user?.use ?? "git";
  const conventional = flavor === "goship" && user?.groups === undefined && user?.filters === undefined;
  return {
    disable: user?.disable === undefined ? "" : String(user.disable),
    use,
    sort: user?.sort ?? "",
    abbrev: user?.abbrev ?? 0,
    format: user?.format ?? (use === "git" ? gitLineFormat : apiLineFormat),
    include: user?.filters?.include ?? [],
    exclude: conventional ? conventionalExcludes : (user?.filters?.exclude ?? []),
    groups: conventional ? conventionalGroups : (user?.groups ?? []).map(resolveGroup),
  };
}

function resolveGroup(group: GroupInput): ChangelogGroup {
  return {
    title: group.title ?? "",
    regexp: group.regexp ?? "",
    order: group.order ?? 0,
    groups: (group.groups ?? []).map(resolveGroup),
  };
}
