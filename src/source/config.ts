// The `source` section, with GoReleaser's keys and defaults: one archive of the tagged commit's
// tracked files (as `git archive` lists them), plus extra files.
import { z } from "zod";
import { noFileInfo, type ResolvedFile, resolveFile } from "../config/archives.js";
import { defineSection } from "../config/section.js";

/** GoReleaser's source formats; the name's extension is the format as written (`tgz` → `.tgz`). */
export const sourceFormats = ["tar.gz", "tgz", "tar", "zip"] as const;
export type SourceFormat = (typeof sourceFormats)[number];

const info = z
  .strictObject({
    owner: z.string().optional().meta({ description: "tar owner name, uid 0 (template). @default root" }),
    group: z.string().optional().meta({ description: "tar group name, gid 0 (template). @default root" }),
    mode: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: "Permission bits (octal in YAML: 0644). @default 0644, or 0755 for executables" }),
    mtime: z
      .string()
      .optional()
      .meta({ description: "Modification time, RFC 3339 (template). @default the commit time" }),
  })
  .meta({ description: "Header fields of the matched files." });

const file = z.union([
  z.string().min(1),
  z.strictObject({
    src: z
      .string()
      .min(1)
      .meta({ description: "Glob of files to add, relative to the module root (template)." }),
    dst: z
      .string()
      .optional()
      .meta({ description: "Folder inside the archive (under the prefix). @default the file's path" }),
    strip_parent: z.boolean().optional().meta({ description: "Put matches directly in dst. @default false" }),
    info: info.optional(),
  }),
]);

const source = z.strictObject({
  enabled: z.boolean().optional().meta({ description: "Write the source archive. @default false" }),
  name_template: z.string().optional().meta({
    description: "File name without extension (template). @default {{ .ProjectName }}-{{ .Version }}",
  }),
  format: z.enum(sourceFormats).optional().meta({ description: "Archive format. @default tar.gz" }),
  prefix_template: z.string().optional().meta({
    description:
      'Folder every entry is under, ending in "/" (template), as `git archive --prefix`. @default none',
  }),
  files: z.array(file).optional().meta({
    description: "Files added beside the tracked ones (generated files, say), under the prefix. @default []",
  }),
});

export interface ResolvedSource {
  readonly enabled: boolean;
  readonly nameTemplate: string;
  readonly format: SourceFormat;
  readonly prefixTemplate: string;
  readonly files: readonly ResolvedFile[];
}

type UserSource = z.output<typeof source>;

export const sourceSection = defineSection({
  key: "source",
  goship: source.meta({
    description: "An archive of the released commit's source: what `git archive` lists, plus extra files.",
  }),
  // GoReleaser's file: the same keys (unknown ones rejected, as GoReleaser does); any format string
  // parses, and an unknown one is reported with GoReleaser's words.
  goreleaser: source.extend({ format: z.string().optional() }),
  resolve(user: UserSource | undefined, facts): ResolvedSource {
    const format = user?.format || "tar.gz";
    if (!(sourceFormats as readonly string[]).includes(format))
      facts.problem(["format"], `invalid source archive format: ${format}; use tar.gz, tgz, tar or zip`);
    const nameTemplate = user?.name_template || "{{ .ProjectName }}-{{ .Version }}";
    const prefixTemplate = user?.prefix_template ?? "";
    const enabled = user?.enabled ?? false;
    if (enabled) {
      facts.template(["name_template"], nameTemplate, "release");
      if (prefixTemplate) facts.template(["prefix_template"], prefixTemplate, "release");
    }
    const files = (user?.files ?? []).map((f, i) => {
      if (typeof f === "string") return resolveFile(f, false);
      const resolved = {
        owner: f.info?.owner ?? "",
        group: f.info?.group ?? "",
        mode: f.info?.mode ?? 0,
        mtime: f.info?.mtime ?? "",
      };
      if (enabled) {
        facts.template(["files", i, "src"], f.src, "release");
        for (const key of ["owner", "group", "mtime"] as const)
          if (resolved[key]) facts.template(["files", i, "info", key], resolved[key], "release");
      }
      return resolveFile(f, false, f.info ? resolved : noFileInfo);
    });
    return { enabled, nameTemplate, format: format as SourceFormat, prefixTemplate, files };
  },
});
