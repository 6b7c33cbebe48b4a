// GoReleaser's archives and checksum sections (internal/pipe/{archive,checksums}), as goship's
// ResolvedArchive and ResolvedChecksum.

import type { z } from "zod";
import type { ArchiveFormatName, ResolvedArchive, ResolvedFile, ResolvedFileInfo } from "../archives.js";
import { normaliseFormat, resolveFile, wrapTemplate } from "../archives.js";
import type { ResolvedChecksum } from "../checksum.js";
import type { TemplateRef } from "../fields.js";
import type { fileInfo, GoreleaserArchive, GoreleaserConfig } from "./schema.js";

const writableFormats = new Set(["tar.gz", "tgz", "tar", "zip", "binary"]);

export function goreleaserArchive(
  a: GoreleaserArchive,
  index: number,
  buildIds: readonly string[],
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
  templates: TemplateRef[],
): ResolvedArchive {
  const at = ["archives", index];
  const formats = [...(a.formats ?? []), ...(a.format ? [a.format] : [])];
  const checkFormat = (format: string, where: PropertyKey[], allowNone: boolean): ArchiveFormatName => {
    if (!writableFormats.has(format) && !(allowNone && format === "none")) {
      problem(where, `goship cannot write ${format} archives; use tar.gz, tar, zip or binary`);
    }
    return normaliseFormat(format);
  };
  const resolvedFormats = (formats.length > 0 ? formats : ["tar.gz"]).map((f) =>
    checkFormat(f, [...at, a.formats ? "formats" : "format"], false),
  );
  const defaultName =
    '{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';
  const nameTemplate =
    a.name_template ||
    (resolvedFormats.includes("binary")
      ? `{{ .Binary }}_${defaultName}`
      : `{{ .ProjectName }}_${defaultName}`);
  const ids = [...(a.ids ?? []), ...(a.builds ?? [])];
  for (const [i, id] of ids.entries()) {
    if (!buildIds.includes(id))
      problem([...at, a.ids ? "ids" : "builds", i], `no build has id "${id}"; ids: ${buildIds.join(", ")}`);
  }
  const defaults = ["license*", "LICENSE*", "readme*", "README*", "changelog*", "CHANGELOG*"];
  const files: ResolvedFile[] = a.files?.length
    ? a.files.map((f, i) =>
        typeof f === "string"
          ? resolveFile(f, false)
          : resolveFile(
              { src: f.src, dst: f.dst, strip_parent: f.strip_parent },
              false,
              fileInfoOf(f.info, [...at, "files", i, "info"], templates),
            ),
      )
    : defaults.map((src) => resolveFile(src, true));
  const resolved: ResolvedArchive = {
    id: a.id ?? "default",
    ids: ids.length > 0 ? ids : undefined,
    nameTemplate,
    formats: resolvedFormats,
    formatOverrides: (a.format_overrides ?? []).map((o, i) => ({
      goos: o.goos,
      formats: [...(o.formats ?? []), ...(o.format ? [o.format] : [])].map((f) =>
        checkFormat(f, [...at, "format_overrides", i, o.formats ? "formats" : "format"], true),
      ),
    })),
    files,
    wrap: wrapTemplate(a.wrap_in_directory ?? "false", nameTemplate),
    wrapEntry: false,
    stripBinaryDirectory: a.strip_binary_directory ?? false,
    allowDifferentBinaryCount: a.allow_different_binary_count ?? false,
    // GoReleaser forces the binaries' mode to 0755 whatever builds_info.mode says.
    buildsInfo: { ...fileInfoOf(a.builds_info, [...at, "builds_info"], templates), mode: 0 },
  };
  templates.push({ path: [...at, "name_template"], source: nameTemplate, scope: "artifact" });
  if (resolved.wrap && resolved.wrap !== nameTemplate)
    templates.push({ path: [...at, "wrap_in_directory"], source: resolved.wrap, scope: "artifact" });
  files.forEach((f, i) => {
    if (f.kind === "glob" && !f.optional)
      templates.push({ path: [...at, "files", i], source: f.src, scope: "artifact" });
  });
  return resolved;
}

/** GoReleaser's FileInfo, its owner, group and mtime registered as templates rendered per archive. */
export function fileInfoOf(
  info: z.output<typeof fileInfo> | undefined,
  at: ReadonlyArray<PropertyKey>,
  templates: TemplateRef[],
): ResolvedFileInfo {
  const resolved = {
    owner: info?.owner ?? "",
    group: info?.group ?? "",
    mode: info?.mode ?? 0,
    mtime: info?.mtime ?? "",
  };
  for (const key of ["owner", "group", "mtime"] as const) {
    if (resolved[key]) templates.push({ path: [...at, key], source: resolved[key], scope: "artifact" });
  }
  return resolved;
}

export function goreleaserChecksum(
  c: NonNullable<GoreleaserConfig["checksum"]>,
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
  templates: TemplateRef[],
): ResolvedChecksum {
  const algorithm = c.algorithm ?? "sha256";
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    problem(["checksum", "algorithm"], `goship writes sha256 or sha512 checksums, not ${algorithm}`);
  }
  const split = c.split === true;
  const name =
    c.name_template ??
    (split ? "{{ .ArtifactName }}.{{ .Algorithm }}" : "{{ .ProjectName }}_{{ .Version }}_checksums.txt");
  templates.push({
    path: ["checksum", "name_template"],
    source: name,
    scope: split ? "artifact" : "release",
  });
  const disabled = c.disable === true;
  return {
    algorithm: algorithm === "sha512" ? "sha512" : "sha256",
    combined: disabled || split ? undefined : name,
    split: disabled || !split ? undefined : name,
    splitContent: "digest",
    ids: c.ids?.length ? c.ids : undefined,
    extraFiles: (c.extra_files ?? []).map((f, i) => {
      templates.push({ path: ["checksum", "extra_files", i, "glob"], source: f.glob, scope: "release" });
      if (f.name_template)
        templates.push({
          path: ["checksum", "extra_files", i, "name_template"],
          source: f.name_template,
          scope: "release",
        });
      return { glob: f.glob, nameTemplate: f.name_template ?? "" };
    }),
  };
}
