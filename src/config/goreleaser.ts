// GoReleaser v2 files, read with GoReleaser's own defaults and semantics (internal/builders/golang,
// internal/pipe/{archive,checksums,snapshot}), so that artifacts get the names and binaries GoReleaser
// would make. Each key family lives in goreleaser/; keys goship does not act on are listed in one
// warning; Pro-only keys are named as such.
import { ConfigError, type ConfigIssue, formatPath } from "./errors.js";
import { checkTemplates, type TemplateRef } from "./fields.js";
import { goreleaserArchive, goreleaserChecksum } from "./goreleaser/archives.js";
import { goreleaserBuild, hookOf } from "./goreleaser/builds.js";
import {
  deprecationNotices,
  dropNulls,
  inventoryKeys,
  unimplementedArtifactKeys,
} from "./goreleaser/keys.js";
import { type GoreleaserArchive, type GoreleaserBuild, goreleaserSchema } from "./goreleaser/schema.js";
import type { LoadedConfig } from "./load.js";
import {
  type ProjectFacts,
  type ResolvedConfig,
  sectionIssues,
  withPositions,
  zodIssues,
} from "./resolve.js";
import { type AnySection, resolveSections } from "./section.js";

export {
  expandEnv,
  goreleaserDefaultLevels,
  goreleaserTargets,
  withGoreleaserLevel,
} from "./goreleaser/builds.js";

/** Reads a GoReleaser v2 file into goship's ResolvedConfig, with GoReleaser's defaults. */
export function resolveGoreleaserConfig(
  loaded: LoadedConfig,
  project: ProjectFacts,
  env: NodeJS.ProcessEnv,
  sections: readonly AnySection[] = [],
  options: { readonly allowUnimplemented?: boolean } = {},
): ResolvedConfig {
  const issues: Array<ConfigIssue & { at?: ReadonlyArray<PropertyKey>; key?: boolean }> = [];
  const problem = (at: ReadonlyArray<PropertyKey>, message: string, key = false) =>
    issues.push({ at, key, path: formatPath(at), message });
  const data = dropNulls(loaded.data);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError(loaded.name, [
      { path: "", message: "expected a map of settings at the top of the file" },
    ]);
  }
  const record = data as Record<string, unknown>;
  // Keys a format's section reads are its own: its GoReleaser schema checks them.
  const implemented = sections.filter((s) => s.goreleaser).map((s) => s.key);
  const warnings = inventoryKeys(record, problem, implemented);
  if (Array.isArray(record.includes) && record.includes.length > 0)
    problem(
      ["includes"],
      "includes (GoReleaser Pro) pulls the release's settings from other files, which goship does not read; inline them into this file",
    );
  if (!options.allowUnimplemented) {
    for (const key of unimplementedArtifactKeys(record).filter((k) => !implemented.includes(k)))
      problem(
        [key],
        `${key} is not implemented by goship yet: the release would lack the artifacts GoReleaser makes from it; remove the section, or pass --allow-unimplemented to release without them`,
      );
  }
  const parsed = goreleaserSchema.safeParse(data);
  if (!parsed.success)
    throw new ConfigError(loaded.name, [
      ...withPositions(issues, loaded),
      ...zodIssues(parsed.error, loaded),
    ]);
  const config = parsed.data;
  // GoReleaser v2 only warns about the version, and reads the file as a v2 file all the same.
  const notes = [
    ...(config.version === 2
      ? []
      : [
          `the file says ${config.version === undefined ? "no version" : `version: ${config.version}`}; it is read as a GoReleaser v2 file (version: 2)`,
        ]),
    ...deprecationNotices(record),
  ];

  // GoReleaser's order: project_name, release.github.name (which defaults to the git remote's
  // repository), then the last element of the module path.
  const projectName =
    config.project_name ??
    config.release?.github?.name ??
    project.remoteRepo ??
    project.module.path.split("/").at(-1) ??
    "project";
  const templates: TemplateRef[] = [];
  const builds = (config.builds?.length ? config.builds : [{}]).map((b, i) =>
    goreleaserBuild(b as GoreleaserBuild, i, projectName, env, problem, templates),
  );
  const ids = builds.map((b) => b.id);
  for (const [i, id] of ids.entries())
    if (ids.indexOf(id) !== i)
      problem(["builds", i, "id"], `found 2 builds with the ID '${id}', please fix your config`);
  // An archive may name a universal binary (its id defaults to the project name).
  const universalIds = (Array.isArray(record.universal_binaries) ? record.universal_binaries : []).map((u) =>
    String((u as Record<string, unknown> | null)?.id ?? projectName),
  );
  const archives = (config.archives?.length ? config.archives : [{}]).map((a, i) =>
    goreleaserArchive(a as GoreleaserArchive, i, [...ids, ...universalIds], problem, templates),
  );
  const archiveIds = archives.map((a) => a.id);
  for (const [i, id] of archiveIds.entries())
    if (archiveIds.indexOf(id) !== i)
      problem(["archives", i, "id"], `found 2 archives with the ID '${id}', please fix your config`);
  const checksum = goreleaserChecksum(config.checksum ?? {}, problem, templates);
  const snapshot =
    config.snapshot?.name_template ??
    config.snapshot?.version_template ??
    "{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}";
  templates.push({ path: ["snapshot", "version_template"], source: snapshot, scope: "release" });
  const before = (config.before?.hooks ?? []).map((cmd, i) =>
    hookOf({ cmd, dir: "", env: [], output: false }, `before.hooks[${i}]`),
  );
  templates.push(
    ...before.map((h, i) => ({
      path: ["before", "hooks", i],
      source: h.cmd[0] ?? "",
      scope: "release" as const,
    })),
  );
  templates.push(
    ...(config.env ?? []).map((source, i) => ({ path: ["env", i], source, scope: "release" as const })),
  );

  const resolvedSections = resolveSections({
    data: record,
    sections: sections.filter((s) => s.goreleaser),
    facts: {
      flavor: "goreleaser",
      projectName,
      modulePath: project.module.path,
      buildIds: ids,
      archiveIds,
      env,
    },
    issues: issues as Parameters<typeof resolveSections>[0]["issues"],
    templates,
    zodIssues: (error, at) => sectionIssues(error, at, loaded),
  });

  issues.push(...checkTemplates(templates, formatPath));
  if (issues.length > 0) throw new ConfigError(loaded.name, withPositions(issues, loaded));
  return {
    file: loaded.name,
    flavor: "goreleaser",
    projectName,
    dist: config.dist,
    env: config.env ?? [],
    before,
    builds,
    archives,
    checksum,
    snapshot: { versionTemplate: snapshot },
    parallelism: undefined,
    sections: resolvedSections,
    unimplemented: [...warnings.unimplemented, ...warnings.pro.map((key) => `${key} (GoReleaser Pro only)`)],
    notes,
  };
}
