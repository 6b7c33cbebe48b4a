// UserConfig + the detected module → the Readonly ResolvedConfig every step reads. goship's
// defaults come from each domain's defaults.ts; a GoReleaser file goes through goreleaser.ts.
import type { z } from "zod";
import { expandMatrix, type IgnoreRule, type LevelLists } from "../go/matrix.js";
import type { GoModule } from "../go/module.js";
import { lastElement } from "../go/module.js";
import {
  defaultTargets,
  describeTargetProblem,
  formatTarget,
  type Platform,
  parseTarget,
  type Target,
} from "../go/targets.js";
import { type ResolvedArchive, withArchiveDefaults } from "./archives.js";
import {
  moduleMains,
  type ResolvedBuild,
  type ResolvedHook,
  type ResolvedMain,
  resolveHook,
  resolveHooks,
  withBuildDefaults,
} from "./builds.js";
import { type ResolvedChecksum, withChecksumDefaults } from "./checksum.js";
import { ConfigError, type ConfigIssue, formatPath } from "./errors.js";
import { checkTemplates, type TemplateRef } from "./fields.js";
import type { LoadedConfig } from "./load.js";
import { configSchemaWith, type UserBuild, type UserConfig } from "./schema.js";
import { type AnySection, type ResolvedSections, resolveSections } from "./section.js";

export interface ResolvedConfig {
  /** The file it came from, as messages name it; undefined for zero config. */
  readonly file: string | undefined;
  /** Whose semantics apply: goship's, or GoReleaser's for a GoReleaser file. */
  readonly flavor: "goship" | "goreleaser";
  readonly projectName: string;
  /** Output directory relative to the module root, when the config sets one. */
  readonly dist: string | undefined;
  /** KEY=VALUE templates added to the environment of builds and hooks. */
  readonly env: readonly string[];
  readonly before: readonly ResolvedHook[];
  readonly builds: readonly ResolvedBuild[];
  readonly archives: readonly ResolvedArchive[];
  readonly checksum: ResolvedChecksum;
  readonly snapshot: { readonly versionTemplate: string };
  readonly parallelism: number | undefined;
  /** The formats' own parts, by key: read them with `sectionOf(config, section)`. */
  readonly sections: ResolvedSections;
  /** Keys read but not acted on, one line each; logged once as a single warning. */
  readonly unimplemented: readonly string[];
  /** Other things worth a warning about how the file was read. */
  readonly notes: readonly string[];
}

/** What resolution needs to know about the module and the toolchain. */
export interface ProjectFacts {
  /** `mains` are the released ones; `allMains` (default: `mains`) those a build may name. */
  readonly module: Pick<GoModule, "path" | "mains"> & Partial<Pick<GoModule, "allMains">>;
  readonly platforms: readonly Platform[];
  /** The repository name of the git remote (`tool` for github.com/acme/tool.git), if any. */
  readonly remoteRepo?: string;
}

/** The zero-config release: what goship does without any file. */
export function defaultConfig(project: ProjectFacts, sections: readonly AnySection[] = []): ResolvedConfig {
  return resolveUserConfig({}, project, undefined, sections);
}

/** Validates a goship config (schema, targets, templates) and applies goship's defaults. */
export function resolveGoshipConfig(
  loaded: LoadedConfig,
  project: ProjectFacts,
  sections: readonly AnySection[] = [],
): ResolvedConfig {
  const schema = configSchemaWith(sections);
  const parsed = schema.safeParse(loaded.data);
  if (!parsed.success) throw new ConfigError(loaded.name, zodIssues(parsed.error, loaded, schema));
  return resolveUserConfig(parsed.data as UserConfig & Record<string, unknown>, project, loaded, sections);
}

function resolveUserConfig(
  user: UserConfig & Record<string, unknown>,
  project: ProjectFacts,
  loaded: LoadedConfig | undefined,
  sections: readonly AnySection[],
): ResolvedConfig {
  const issues: Array<ConfigIssue & { at: ReadonlyArray<PropertyKey> }> = [];
  const problem = (at: ReadonlyArray<PropertyKey>, message: string) =>
    issues.push({ at, path: formatPath(at), message });
  const templates: TemplateRef[] = [];
  const projectName = user.project_name ?? lastElement(project.module.path);
  const topTargets = user.targets
    ? parseTargets(user.targets, ["targets"], project.platforms, problem)
    : undefined;

  const userBuilds: UserBuild[] = user.builds ?? [{}];
  const builds = userBuilds.map((build, index) => {
    const at = ["builds", index];
    const mains = buildMains(build, at, project, problem);
    const targets = buildTargets(build, at, project.platforms, problem) ?? topTargets ?? defaultTargets;
    const hooks = {
      pre: resolveHooks(build.hooks?.pre, `builds[${index}].hooks.pre`),
      post: resolveHooks(build.hooks?.post, `builds[${index}].hooks.post`),
    };
    if (build.binary !== undefined && mains.length > 1) {
      problem(
        [...at, "binary"],
        "binary names one file, and this build has several main packages; split it into one build per main",
      );
    }
    const resolved = withBuildDefaults({
      user: build,
      project: { projectName, mains: project.module.mains },
      targets,
      hooks,
      mains,
    });
    templates.push(
      ...resolved.mains.map((m) => ({
        path: [...at, "binary"],
        source: m.binary,
        scope: "artifact" as const,
      })),
      ...listRefs([...at, "env"], resolved.env, "artifact"),
      ...listRefs([...at, "flags"], resolved.flags, "artifact"),
      ...(build.ldflags === undefined ? [] : listRefs([...at, "ldflags"], resolved.ldflags, "artifact")),
      ...resolved.stamps.map(([symbol, value]) => ({
        path: [...at, "stamps", symbol],
        source: value,
        scope: "artifact" as const,
      })),
      ...hookRefs([...at, "hooks", "pre"], hooks.pre),
      ...hookRefs([...at, "hooks", "post"], hooks.post),
    );
    return resolved;
  });
  checkUniqueIds(
    builds.map((b) => b.id),
    "builds",
    problem,
  );
  // Two builds making the same binary for the same target would overwrite each other in dist/bin.
  const made = new Map<string, number>();
  for (const [index, build] of builds.entries()) {
    for (const main of build.mains.filter((m) => !m.binary.includes("{{"))) {
      for (const target of build.targets) {
        const key = `${main.binary} ${formatTarget(target)}`;
        const earlier = made.get(key);
        if (earlier !== undefined && earlier !== index) {
          problem(
            ["builds", index],
            `builds[${earlier}] already makes ${main.binary} for ${formatTarget(target)}; give one of them another binary name or other targets`,
          );
        }
        made.set(key, index);
      }
    }
  }

  const archives = (user.archives ?? [{}]).map((archive, index) => {
    const resolved = withArchiveDefaults(archive);
    const at = ["archives", index];
    templates.push({ path: [...at, "name_template"], source: resolved.nameTemplate, scope: "artifact" });
    if (typeof archive.wrap_in_directory === "string") {
      templates.push({
        path: [...at, "wrap_in_directory"],
        source: archive.wrap_in_directory,
        scope: "artifact",
      });
    }
    for (const [i, id] of (resolved.ids ?? []).entries()) {
      if (!builds.some((b) => b.id === id))
        problem([...at, "ids", i], `no build has id "${id}"; ids: ${builds.map((b) => b.id).join(", ")}`);
    }
    return resolved;
  });
  checkUniqueIds(
    archives.map((a) => a.id),
    "archives",
    problem,
  );

  const checksum = withChecksumDefaults(user.checksum);
  if (checksum.combined)
    templates.push({ path: ["checksum", "name_template"], source: checksum.combined, scope: "release" });
  if (checksum.split)
    templates.push({ path: ["checksum", "split_name_template"], source: checksum.split, scope: "artifact" });
  checksum.extraFiles.forEach((f, i) => {
    templates.push({ path: ["checksum", "extra_files", i, "glob"], source: f.glob, scope: "release" });
    if (f.nameTemplate)
      templates.push({
        path: ["checksum", "extra_files", i, "name_template"],
        source: f.nameTemplate,
        scope: "release",
      });
  });
  const versionTemplate = user.snapshot?.version_template ?? "{{ .Version }}";
  templates.push({ path: ["snapshot", "version_template"], source: versionTemplate, scope: "release" });
  const before = (user.before?.hooks ?? []).map((hook, i) => resolveHook(hook, `before.hooks[${i}]`));
  templates.push(
    ...hookRefs(["before", "hooks"], before, "release"),
    ...listRefs(["env"], user.env ?? [], "release"),
  );

  const resolvedSections = resolveSections({
    data: user,
    sections,
    facts: {
      flavor: "goship",
      projectName,
      modulePath: project.module.path,
      buildIds: builds.map((b) => b.id),
      archiveIds: archives.map((a) => a.id),
      env: {},
    },
    issues,
    templates,
    zodIssues: (error, at) => sectionIssues(error, at, loaded),
  });

  issues.push(...checkTemplates(templates, formatPath));
  if (issues.length > 0) throw new ConfigError(loaded?.name, withPositions(issues, loaded));
  return {
    file: loaded?.name,
    flavor: "goship",
    projectName,
    dist: user.dist,
    env: user.env ?? [],
    before,
    builds,
    archives,
    checksum,
    snapshot: { versionTemplate },
    parallelism: user.parallelism,
    sections: resolvedSections,
    unimplemented: [],
    notes: [],
  };
}

function buildMains(
  build: UserBuild,
  at: PropertyKey[],
  project: ProjectFacts,
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
): ResolvedMain[] {
  if (build.main === undefined) return moduleMains(project.module.mains);
  const all = moduleMains(project.module.allMains ?? project.module.mains);
  const wanted = typeof build.main === "string" ? [build.main] : build.main;
  return wanted.flatMap((main, i) => {
    const normalised = normalisePackage(main);
    const found = all.find((m) => m.package === normalised);
    if (!found) {
      const where = typeof build.main === "string" ? [...at, "main"] : [...at, "main", i];
      problem(
        where,
        `"${main}" is not a main package of the module; main packages: ${all.map((m) => m.package).join(", ")}`,
      );
      return [];
    }
    return [found];
  });
}

/** `cmd/api`, `./cmd/api/`, `.` → the `./cmd/api` form `go list` gives. */
export function normalisePackage(main: string): string {
  const trimmed = main.replace(/\/+$/, "").replace(/^\.\/?/, "");
  return trimmed === "" ? "." : `./${trimmed}`;
}

function buildTargets(
  build: UserBuild,
  at: PropertyKey[],
  platforms: readonly Platform[],
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
): Target[] | undefined {
  if (build.targets) return parseTargets(build.targets, [...at, "targets"], platforms, problem);
  if (!build.goos && !build.goarch) return undefined;
  const goos = build.goos ?? ["linux", "darwin", "windows"];
  const goarch = build.goarch ?? ["amd64", "arm64"];
  const supported = (os: string, arch: string) => platforms.some((p) => p.goos === os && p.goarch === arch);
  for (const [key, values] of [
    ["goos", goos],
    ["goarch", goarch],
  ] as const) {
    for (const [i, value] of values.entries()) {
      const known = platforms.some((p) => (key === "goos" ? p.goos : p.goarch) === value);
      if (!known) problem([...at, key, i], `unknown ${key} "${value}" (see go tool dist list)`);
    }
  }
  const levels: LevelLists = {
    goamd64: build.goamd64,
    goarm: build.goarm?.map(String),
    goarm64: build.goarm64,
    go386: build.go386,
    gomips: build.gomips,
    goppc64: build.goppc64,
    goriscv64: build.goriscv64,
  };
  const ignore: IgnoreRule[] = (build.ignore ?? []).map((rule) => ({
    ...rule,
    goarm: rule.goarm === undefined ? undefined : String(rule.goarm),
  }));
  const targets = expandMatrix({ goos, goarch, levels, ignore, valid: supported });
  const checked: Target[] = [];
  for (const target of targets) {
    const parsed = parseTarget(formatTarget(target), platforms);
    if (parsed.ok) checked.push(parsed.target);
    else problem([...at, "goarch"], describeTargetProblem(parsed.problem));
  }
  if (checked.length === 0) problem([...at, "goos"], "the goos × goarch matrix leaves no target to build");
  return checked;
}

function parseTargets(
  inputs: readonly string[],
  at: PropertyKey[],
  platforms: readonly Platform[],
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
): Target[] {
  const targets: Target[] = [];
  for (const [i, input] of inputs.entries()) {
    const parsed = parseTarget(input, platforms);
    if (!parsed.ok) problem([...at, i], describeTargetProblem(parsed.problem));
    else if (!targets.some((t) => formatTarget(t) === formatTarget(parsed.target)))
      targets.push(parsed.target);
  }
  if (inputs.length === 0) problem(at, "needs at least one target, e.g. linux/amd64");
  return targets;
}

function checkUniqueIds(
  ids: readonly string[],
  section: string,
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
): void {
  for (const [i, id] of ids.entries()) {
    if (ids.indexOf(id) !== i)
      problem([section, i, "id"], `id "${id}" is used twice; give each entry its own id`);
  }
}

function listRefs(at: PropertyKey[], list: readonly string[], scope: TemplateRef["scope"]): TemplateRef[] {
  return list.map((source, i) => ({ path: [...at, i], source, scope }));
}

function hookRefs(
  at: PropertyKey[],
  hooks: readonly ResolvedHook[],
  scope: TemplateRef["scope"] = "artifact",
): TemplateRef[] {
  return hooks.flatMap((hook, i) => [
    ...hook.cmd.map((source, j) => ({
      path: hook.kind === "argv" ? [...at, i, j] : [...at, i],
      source,
      scope,
    })),
    ...listRefs([...at, i, "env"], hook.env, scope),
  ]);
}

/** Adds line and column from the loaded file to issues that know their path. */
export function withPositions(
  issues: ReadonlyArray<ConfigIssue & { at?: ReadonlyArray<PropertyKey>; key?: boolean }>,
  loaded: LoadedConfig | undefined,
): ConfigIssue[] {
  return issues.map(({ at, key, ...issue }) => {
    const position = at && loaded ? loaded.locate(at, key) : undefined;
    return position ? { ...issue, ...position } : issue;
  });
}

/** The issues of a section's own parse, at their place in the whole file. */
export function sectionIssues(
  error: z.ZodError,
  at: ReadonlyArray<PropertyKey>,
  loaded: LoadedConfig | undefined,
): Array<ConfigIssue & { at: ReadonlyArray<PropertyKey> }> {
  const shifted = { issues: error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })) };
  return zodIssues(shifted as z.ZodError, loaded).map((issue) => ({
    ...issue,
    at: [...at],
  }));
}

/** One issue per problem zod found, worded for people who edit YAML. */
export function zodIssues(
  error: z.ZodError,
  loaded: LoadedConfig | undefined,
  schema?: z.ZodType,
): ConfigIssue[] {
  const issues = error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = schema ? keysAt(schema, issue.path) : [];
      return issue.keys.map((key) => {
        const hint =
          known.find((k) => k.replace(/_/g, "") === key.toLowerCase().replace(/[_-]/g, "")) ??
          (key.length >= 3 ? known.find((k) => k.startsWith(key) || key.startsWith(k)) : undefined);
        return {
          at: [...issue.path, key],
          key: true,
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}"${hint ? `; did you mean "${hint}"?` : ""}`,
        };
      });
    }
    const input =
      "input" in issue && issue.input !== undefined ? issue.input : valueAt(loaded?.data, issue.path);
    return [
      {
        at: issue.path,
        path: formatPath(issue.path),
        message: describeIssue({ ...issue, input } as typeof issue),
      },
    ];
  });
  return withPositions(issues, loaded);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}, got ${received(issue.input)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(issue.input)}`;
    case "invalid_union": {
      const expected = [
        ...new Set(
          issue.errors.flatMap((branch) =>
            branch
              .filter((i) => (i.code === "invalid_type" || i.code === "invalid_value") && i.path.length === 0)
              .map((i) =>
                i.code === "invalid_value"
                  ? `one of ${i.values.map((v) => JSON.stringify(v)).join(", ")}`
                  : (i as { expected: string }).expected,
              ),
          ),
        ),
      ];
      const nested = issue.errors.flat().find((i) => i.path.length > 0);
      if (expected.length === issue.errors.length) {
        return `expected ${expected.map((e) => (e === "array" ? "a list" : e)).join(" or ")}, got ${received(issue.input)}`;
      }
      return nested
        ? `${formatPath(nested.path)}: ${describeIssue(nested)}`
        : "does not match any accepted form";
    }
    case "too_small":
      return issue.origin === "array"
        ? `needs at least ${issue.minimum} item(s)`
        : issue.origin === "string"
          ? "must not be empty"
          : `must be ≥ ${issue.minimum}`;
    case "too_big":
      return `must be ≤ ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function received(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a map";
  return `${typeof input} ${JSON.stringify(input)}`;
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** The keys the schema accepts for the object at `path`, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: unknown = schema;
  const unwrap = (node: unknown): unknown => {
    let value = node;
    for (let i = 0; i < 5; i++) {
      const def = (value as { def?: { type?: string; innerType?: unknown; options?: unknown[] } }).def;
      if (def?.type === "optional" || def?.type === "default") value = def.innerType;
      else if (def?.type === "union")
        value =
          def.options?.find(
            (o) =>
              (o as { def?: { type?: string } }).def?.type === "object" ||
              (o as { def?: { type?: string } }).def?.type === "array",
          ) ?? value;
      else break;
    }
    return value;
  };
  for (const part of path) {
    current = unwrap(current);
    const def = (current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } })
      .def;
    if (def?.type === "object" && typeof part === "string") current = def.shape?.[part];
    else if (def?.type === "array") current = def.element;
    else return [];
  }
  current = unwrap(current);
  const def = (current as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}
