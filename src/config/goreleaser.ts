// GoReleaser v2 files, read with GoReleaser's own defaults and semantics (internal/builders/golang,
// internal/pipe/{archive,checksums,snapshot}), so that artifacts get the names and binaries GoReleaser
// would make. Keys goship does not act on are listed in one warning; Pro-only keys are named as such.
import { z } from "zod";
import { expandMatrix, type IgnoreRule, type LevelKey, levelKeyOf } from "../go/matrix.js";
import type { Target } from "../go/targets.js";
import type { ArchiveFormatName, ResolvedArchive, ResolvedFile } from "./archives.js";
import { normaliseFormat, resolveFile, wrapTemplate } from "./archives.js";
import type { ResolvedBuild, ResolvedHook } from "./builds.js";
import type { ResolvedChecksum } from "./checksum.js";
import { ConfigError, type ConfigIssue, formatPath } from "./errors.js";
import { checkTemplates, type TemplateRef } from "./fields.js";
import type { LoadedConfig } from "./load.js";
import {
  type ProjectFacts,
  type ResolvedConfig,
  sectionIssues,
  withPositions,
  zodIssues,
} from "./resolve.js";
import { type AnySection, resolveSections } from "./section.js";

/** yaml.v3 decodes any scalar into a Go string field: 6 → "6", true → "true". */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const scalarList = z.array(scalar);
/** GoReleaser's StringArray: a string is a one-item list. */
const stringArray = z.union([scalar.transform((s) => [s]), scalarList]);
/** GoReleaser's FlagArray: a string is split on white space. */
const flagArray = z.union([z.string().transform((s) => s.split(/\s+/).filter(Boolean)), scalarList]);

const hook = z.union([
  z.string().transform((cmd) => ({ cmd, dir: "", env: [] as string[], output: false })),
  z.looseObject({
    cmd: scalar.default(""),
    dir: scalar.default(""),
    env: scalarList.default([]),
    output: z.boolean().default(false),
  }),
]);
/** GoReleaser's Hooks: one command line, or a list of command lines and {cmd, dir, env, output}. */
const hooks = z.union([
  z.string().transform((cmd) => [{ cmd, dir: "", env: [] as string[], output: false }]),
  z.array(hook),
]);

const ignore = z.looseObject({
  goos: scalar.optional(),
  goarch: scalar.optional(),
  goamd64: scalar.optional(),
  go386: scalar.optional(),
  goarm: scalar.optional(),
  goarm64: scalar.optional(),
  gomips: scalar.optional(),
  goppc64: scalar.optional(),
  goriscv64: scalar.optional(),
});

const build = z.looseObject({
  id: scalar.optional(),
  builder: scalar.optional(),
  goos: scalarList.optional(),
  goarch: scalarList.optional(),
  goamd64: scalarList.optional(),
  go386: scalarList.optional(),
  goarm: scalarList.optional(),
  goarm64: scalarList.optional(),
  gomips: scalarList.optional(),
  goppc64: scalarList.optional(),
  goriscv64: scalarList.optional(),
  targets: scalarList.optional(),
  ignore: z.array(ignore).optional(),
  dir: scalar.optional(),
  main: scalar.optional(),
  binary: scalar.optional(),
  hooks: z.looseObject({ pre: hooks.optional(), post: hooks.optional() }).optional(),
  mod_timestamp: scalar.optional(),
  skip: scalar.optional(),
  no_unique_dist_dir: scalar.optional(),
  env: scalarList.optional(),
  ldflags: stringArray.optional(),
  tags: flagArray.optional(),
  flags: flagArray.optional(),
  asmflags: stringArray.optional(),
  gcflags: stringArray.optional(),
  buildmode: scalar.optional(),
  tool: scalar.optional(),
  gobinary: scalar.optional(),
  no_main_check: z.boolean().optional(),
  overrides: z
    .array(
      ignore.extend({
        ldflags: stringArray.optional(),
        tags: flagArray.optional(),
        flags: flagArray.optional(),
        asmflags: stringArray.optional(),
        gcflags: stringArray.optional(),
        buildmode: scalar.optional(),
        env: scalarList.optional(),
      }),
    )
    .optional(),
});

const file = z.union([
  z.string(),
  z.looseObject({ src: scalar.default(""), dst: scalar.optional(), strip_parent: z.boolean().optional() }),
]);

const archive = z.looseObject({
  id: scalar.optional(),
  ids: scalarList.optional(),
  builds: scalarList.optional(),
  name_template: scalar.optional(),
  format: scalar.optional(),
  formats: stringArray.optional(),
  format_overrides: z
    .array(
      z.looseObject({ goos: scalar.default(""), format: scalar.optional(), formats: stringArray.optional() }),
    )
    .optional(),
  files: z.array(file).optional(),
  wrap_in_directory: scalar.optional(),
  strip_binary_directory: z.boolean().optional(),
  allow_different_binary_count: z.boolean().optional(),
});

const goreleaserSchema = z.looseObject({
  version: z.number().optional(),
  pro: z.boolean().optional(),
  project_name: scalar.optional(),
  dist: scalar.optional(),
  env: scalarList.optional(),
  before: z.looseObject({ hooks: z.array(scalar).optional() }).optional(),
  builds: z.array(build).optional(),
  archives: z.array(archive).optional(),
  checksum: z
    .looseObject({
      name_template: scalar.optional(),
      algorithm: scalar.optional(),
      split: z.boolean().optional(),
      disable: z.boolean().optional(),
      ids: scalarList.optional(),
    })
    .optional(),
  snapshot: z
    .looseObject({ version_template: scalar.optional(), name_template: scalar.optional() })
    .optional(),
  release: z.looseObject({ github: z.looseObject({ name: scalar.optional() }).optional() }).optional(),
});

type GoreleaserConfig = z.output<typeof goreleaserSchema>;

/**
 * Keys GoReleaser knows, by section: `true` implemented, `false` read but not acted on,
 * `"pro"` GoReleaser Pro only. Anything else is an unknown key, an error there as here.
 */
const topKeys: Record<string, boolean | "pro"> = {
  version: true,
  pro: true,
  project_name: true,
  dist: true,
  env: true,
  before: true,
  builds: true,
  archives: true,
  checksum: true,
  snapshot: true,
  // goship always reports artifact sizes.
  report_sizes: true,
  ...Object.fromEntries(
    [
      "release",
      "milestones",
      "homebrew_casks",
      "nix",
      "winget",
      "aurs",
      "aur_sources",
      "krews",
      "kos",
      "scoops",
      "nfpms",
      "srpm",
      "snapcrafts",
      "flatpak",
      "dockers_v2",
      "docker_digest",
      "artifactories",
      "uploads",
      "blobs",
      "publishers",
      "changelog",
      "signs",
      "notarize",
      "docker_signs",
      "binary_signs",
      "env_files",
      "source",
      "gomod",
      "announce",
      "sboms",
      "chocolateys",
      "git",
      "metadata",
      "makeselfs",
      "universal_binaries",
      "upx",
      "mcp",
      "force_token",
      "github_urls",
      "gitlab_urls",
      "gitea_urls",
      "brews",
      "dockers",
      "docker_manifests",
    ].map((k) => [k, false]),
  ),
  ...Object.fromEntries(
    [
      "includes",
      "variables",
      "nightly",
      "monorepo",
      "partial",
      "npms",
      "after",
      "template_files",
      "dmg",
      "msi",
      "nsis",
      "pkgs",
      "app_bundles",
      "cloudsmiths",
      "furies",
      "dockerhub",
    ].map((k) => [k, "pro"]),
  ),
};

const buildKeys: Record<string, boolean | "pro"> = {
  ...Object.fromEntries(Object.keys(build.shape).map((k) => [k, true])),
  command: false,
  prebuilt: "pro",
};

const archiveKeys: Record<string, boolean | "pro"> = {
  ...Object.fromEntries(Object.keys(archive.shape).map((k) => [k, true])),
  builds_info: false,
  meta: false,
  templated_files: "pro",
  hooks: "pro",
};

const sectionKeys: Array<[path: string, keys: Record<string, boolean | "pro">]> = [
  ["before", { hooks: true, if: "pro" }],
  [
    "checksum",
    {
      name_template: true,
      algorithm: true,
      split: true,
      disable: true,
      ids: true,
      extra_files: false,
      templated_extra_files: "pro",
    },
  ],
  ["snapshot", { version_template: true, name_template: true }],
];

export interface GoreleaserWarnings {
  readonly unimplemented: string[];
  readonly pro: string[];
}

/** Reads a GoReleaser v2 file into goship's ResolvedConfig, with GoReleaser's defaults. */
export function resolveGoreleaserConfig(
  loaded: LoadedConfig,
  project: ProjectFacts,
  env: NodeJS.ProcessEnv,
  sections: readonly AnySection[] = [],
): ResolvedConfig {
  const issues: Array<ConfigIssue & { at?: ReadonlyArray<PropertyKey>; key?: boolean }> = [];
  const problem = (at: ReadonlyArray<PropertyKey>, message: string, key = false) =>
    issues.push({ at, key, path: formatPath(at), message });
  const data = loaded.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError(loaded.name, [
      { path: "", message: "expected a map of settings at the top of the file" },
    ]);
  }
  // Keys a format's section reads are its own: its GoReleaser schema checks them.
  const implemented = sections.filter((s) => s.goreleaser).map((s) => s.key);
  const warnings = inventoryKeys(data as Record<string, unknown>, problem, implemented);
  const parsed = goreleaserSchema.safeParse(data);
  if (!parsed.success)
    throw new ConfigError(loaded.name, [
      ...withPositions(issues, loaded),
      ...zodIssues(parsed.error, loaded),
    ]);
  const config = parsed.data;
  // GoReleaser v2 only warns about the version, and reads the file as a v2 file all the same.
  const notes =
    config.version === 2
      ? []
      : [
          `the file says ${config.version === undefined ? "no version" : `version: ${config.version}`}; it is read as a GoReleaser v2 file (version: 2)`,
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
  const archives = (config.archives?.length ? config.archives : [{}]).map((a, i) =>
    goreleaserArchive(a as GoreleaserArchive, i, ids, problem, templates),
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
    data: data as Record<string, unknown>,
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

type GoreleaserBuild = z.output<typeof build>;
type GoreleaserArchive = z.output<typeof archive>;

/** GoReleaser's default level values (internal/builders/golang/build.go). */
export function goreleaserDefaultLevels(env: NodeJS.ProcessEnv): Record<LevelKey, string> {
  // GORELEASER_EXPERIMENTAL=defaultgoarm switches GoReleaser's GOARM default to 7.
  const goarm = (env.GORELEASER_EXPERIMENTAL ?? "").split(",").includes("defaultgoarm") ? "7" : "6";
  return {
    goamd64: "v1",
    go386: "sse2",
    goarm,
    goarm64: "v8.0",
    gomips: "hardfloat",
    goppc64: "power8",
    goriscv64: "rva20u64",
  };
}

/** A target with GoReleaser's default level when it has none (`linux/arm` → GOARM 6). */
export function withGoreleaserLevel(target: Target, env: NodeJS.ProcessEnv): Target {
  const key = levelKeyOf(target.goarch);
  return target.level !== undefined || !key
    ? target
    : { ...target, level: goreleaserDefaultLevels(env)[key] };
}

/** The os/arch pairs GoReleaser builds; other matrix pairs are dropped silently (targets.go). */
const goreleaserValidPairs = new Set(
  (
    "aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 dragonfly/amd64 " +
    "freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 illumos/amd64 ios/arm64 js/wasm wasip1/wasm linux/386 " +
    "linux/amd64 linux/arm linux/arm64 linux/ppc64 linux/ppc64le linux/mips linux/mipsle linux/mips64 " +
    "linux/mips64le linux/s390x linux/riscv64 linux/loong64 netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 " +
    "openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64 plan9/386 plan9/amd64 plan9/arm solaris/amd64 " +
    "solaris/sparc solaris/sparc64 windows/arm64 windows/386 windows/amd64 openbsd/riscv64"
  ).split(" "),
);

const goreleaserGoos = new Set(
  "aix android darwin dragonfly freebsd illumos ios js linux netbsd openbsd plan9 solaris windows wasip1".split(
    " ",
  ),
);
const goreleaserGoarch = new Set(
  "386 amd64 arm arm64 mips mips64 mips64le mipsle ppc64 ppc64le s390x wasm riscv64 loong64 sparc sparc64".split(
    " ",
  ),
);

const firstClassTargets = [
  "darwin_amd64",
  "darwin_arm64",
  "linux_386",
  "linux_amd64",
  "linux_arm",
  "linux_arm64",
  "windows_386",
  "windows_amd64",
];

/** The targets of one GoReleaser build: `targets`, else goos × goarch × levels minus ignore. */
export function goreleaserTargets(b: GoreleaserBuild, env: NodeJS.ProcessEnv): Target[] {
  const defaults = goreleaserDefaultLevels(env);
  if (b.targets && b.targets.length > 0) {
    const seen = new Map<string, Target>();
    for (const t of b.targets.flatMap((t) =>
      t === "go_first_class" || t === "go_118_first_class" ? firstClassTargets : [t],
    )) {
      const [goos = "", goarch = "", extra] = t.split("_");
      const key = levelKeyOf(goarch);
      const level = extra ?? (key ? defaults[key] : undefined);
      const target: Target = level === undefined ? { goos, goarch } : { goos, goarch, level };
      seen.set(`${goos}_${goarch}_${level ?? ""}`, target);
    }
    return [...seen.values()];
  }
  const levelList = (key: LevelKey) => (b[key]?.length ? b[key] : [defaults[key]]);
  return expandMatrix({
    goos: b.goos?.length ? b.goos : ["linux", "darwin", "windows"],
    goarch: b.goarch?.length ? b.goarch : ["amd64", "arm64", "386"],
    levels: {
      goamd64: levelList("goamd64"),
      go386: levelList("go386"),
      goarm: levelList("goarm"),
      goarm64: levelList("goarm64"),
      gomips: levelList("gomips"),
      goppc64: levelList("goppc64"),
      goriscv64: levelList("goriscv64"),
    },
    ignore: (b.ignore ?? []) as IgnoreRule[],
    valid: (goos, goarch) => goreleaserValidPairs.has(`${goos}/${goarch}`),
  });
}

function goreleaserBuild(
  b: GoreleaserBuild,
  index: number,
  projectName: string,
  env: NodeJS.ProcessEnv,
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
  templates: TemplateRef[],
): ResolvedBuild {
  const at = ["builds", index];
  if (b.builder && b.builder !== "go")
    problem([...at, "builder"], `goship builds Go only; the "${b.builder}" builder is not supported`);
  const main = b.main ?? ".";
  if (main.endsWith("/..."))
    problem(
      [...at, "main"],
      `main: ${main} (every main package in one go build) is not supported yet; list one build per main package`,
    );
  const targets = goreleaserTargets(b, env);
  for (const [where, mode] of [
    [[...at, "buildmode"], b.buildmode],
    ...(b.overrides ?? []).map((o, i) => [[...at, "overrides", i, "buildmode"], o.buildmode] as const),
  ] as const) {
    if (mode === "c-shared" || mode === "c-archive")
      problem(where, `buildmode ${mode} (C libraries and headers) is not supported by goship`);
  }
  for (const [i, o] of (b.overrides ?? []).entries()) {
    if (!o.goos || !o.goarch)
      problem([...at, "overrides", i], "an override must set at least goos and goarch");
  }
  for (const [key, valid] of levelChecks) {
    for (const [i, value] of (b[key] ?? []).entries()) {
      if (!valid(value)) problem([...at, key, i], `invalid ${key}: ${value}`);
    }
  }
  // GoReleaser's own lists (targets.go): an unknown value is an error, an unsupported pair is dropped.
  for (const [key, valid] of [
    ["goos", goreleaserGoos],
    ["goarch", goreleaserGoarch],
  ] as const) {
    for (const [i, value] of (b[key] ?? []).entries()) {
      if (!valid.has(value)) problem([...at, key, i], `invalid ${key}: ${value}`);
    }
  }
  if (targets.length === 0) problem([...at, "goos"], "no targets left to build after ignore rules");
  const hooksOf = (which: "pre" | "post") =>
    (b.hooks?.[which] ?? []).map((h, i) => hookOf(h as HookInput, `builds[${index}].hooks.${which}[${i}]`));
  const resolved: ResolvedBuild = {
    id: b.id ?? projectName,
    flavor: "goreleaser",
    mains: [{ package: main, binary: b.binary ?? projectName }],
    dir: b.dir ?? ".",
    targets,
    // GoReleaser expands $VAR in build env values when it reads the config, before templating.
    env: (b.env ?? []).map((e) => expandEnv(e, env)),
    flags: b.flags ?? [],
    asmflags: b.asmflags ?? [],
    gcflags: b.gcflags ?? [],
    ldflags: b.ldflags?.length
      ? b.ldflags
      : [
          "-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser",
        ],
    stamps: [],
    tags: b.tags ?? [],
    cgo: undefined,
    buildmode: b.buildmode ?? "",
    tool: b.tool ?? b.gobinary ?? "go",
    overrides: (b.overrides ?? []).map((o) => ({
      target: overrideTarget(o, env),
      env: (o.env ?? []).map((e) => expandEnv(e, env)),
      details: {
        ...(o.ldflags?.length ? { ldflags: o.ldflags } : {}),
        ...(o.tags?.length ? { tags: o.tags } : {}),
        ...(o.flags?.length ? { flags: o.flags } : {}),
        ...(o.asmflags?.length ? { asmflags: o.asmflags } : {}),
        ...(o.gcflags?.length ? { gcflags: o.gcflags } : {}),
        ...(o.buildmode ? { buildmode: o.buildmode } : {}),
      },
    })),
    modTimestamp: b.mod_timestamp ?? "",
    skip: b.skip ?? "",
    uniqueDistDir: !["true"].includes(b.no_unique_dist_dir ?? ""),
    hooks: { pre: hooksOf("pre"), post: hooksOf("post") },
  };
  const list = (key: string, values: readonly string[]) =>
    values.forEach((source, i) => {
      templates.push({ path: [...at, key, i], source, scope: "artifact" });
    });
  templates.push({ path: [...at, "binary"], source: resolved.mains[0]!.binary, scope: "artifact" });
  list("env", resolved.env);
  list("flags", resolved.flags);
  if (b.ldflags?.length) list("ldflags", resolved.ldflags);
  list("tags", resolved.tags);
  if (resolved.modTimestamp)
    templates.push({ path: [...at, "mod_timestamp"], source: resolved.modTimestamp, scope: "artifact" });
  for (const which of ["pre", "post"] as const) {
    resolved.hooks[which].forEach((h, i) => {
      templates.push({ path: [...at, "hooks", which, i], source: h.cmd[0] ?? "", scope: "artifact" });
    });
  }
  return resolved;
}

/** An override's target as GoReleaser matches it: goos_goarch_<levels>, the default level filled in. */
function overrideTarget(o: z.output<typeof ignore>, env: NodeJS.ProcessEnv): string {
  const extra = [o.goamd64, o.go386, o.goarm, o.goarm64, o.gomips, o.goppc64, o.goriscv64]
    .filter(Boolean)
    .join("");
  const key = levelKeyOf(o.goarch ?? "");
  const level = extra || (key ? goreleaserDefaultLevels(env)[key] : "");
  return [o.goos ?? "", o.goarch ?? "", level].filter(Boolean).join("_");
}

const levelChecks: Array<[LevelKey, (value: string) => boolean]> = [
  ["goamd64", (v) => ["v1", "v2", "v3", "v4"].includes(v)],
  ["go386", (v) => ["sse2", "softfloat"].includes(v)],
  ["goarm", (v) => ["5", "6", "7"].includes(v)],
  ["goarm64", (v) => /(v8\.[0-9]|v9\.[0-5])((,lse|,crypto)?)+/.test(v)],
  ["gomips", (v) => ["hardfloat", "softfloat"].includes(v)],
  ["goppc64", (v) => ["power8", "power9", "power10"].includes(v)],
  ["goriscv64", (v) => ["rva20u64", "rva22u64", "rva23u64"].includes(v)],
];

interface HookInput {
  cmd: string;
  dir: string;
  env: string[];
  output: boolean;
}

/** GoReleaser splits a hook's command line into words (go-shellwords), never a shell. */
function hookOf(h: HookInput, where: string): ResolvedHook {
  return { kind: "words", cmd: [h.cmd], dir: h.dir, env: h.env, output: h.output, where };
}

const writableFormats = new Set(["tar.gz", "tgz", "tar", "zip", "binary"]);

function goreleaserArchive(
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
    ? a.files.map((f) =>
        resolveFile(
          typeof f === "string" ? f : { src: f.src, dst: f.dst, strip_parent: f.strip_parent },
          false,
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

function goreleaserChecksum(
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
  };
}

/** Every key of the file checked against GoReleaser's: unknown ones are errors, others sorted into warnings. */
function inventoryKeys(
  data: Record<string, unknown>,
  problem: (at: ReadonlyArray<PropertyKey>, message: string, key?: boolean) => void,
  implemented: readonly string[] = [],
): GoreleaserWarnings {
  const warnings: GoreleaserWarnings = { unimplemented: [], pro: [] };
  const visit = (object: unknown, at: PropertyKey[], keys: Record<string, boolean | "pro">) => {
    if (typeof object !== "object" || object === null || Array.isArray(object)) return;
    for (const key of Object.keys(object)) {
      const known = keys[key];
      const where = [...at, key];
      if (known === undefined) problem(where, `unknown key "${key}" (GoReleaser rejects it too)`, true);
      else if (known === "pro") warnings.pro.push(formatPath(where));
      else if (known === false && !isEmpty((object as Record<string, unknown>)[key]))
        warnings.unimplemented.push(formatPath(where));
    }
  };
  visit(data, [], { ...topKeys, ...Object.fromEntries(implemented.map((key) => [key, true])) });
  for (const [section, keys] of sectionKeys) visit(data[section], [section], keys);
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  list(data.builds).forEach((b, i) => {
    visit(b, ["builds", i], buildKeys);
    const hooksValue = (b as Record<string, unknown> | null)?.hooks;
    visit(hooksValue, ["builds", i, "hooks"], { pre: true, post: true });
    for (const which of ["pre", "post"]) {
      list((hooksValue as Record<string, unknown> | undefined)?.[which]).forEach((h, j) => {
        visit(h, ["builds", i, "hooks", which, j], {
          cmd: true,
          dir: true,
          env: true,
          output: true,
          if: "pro",
        });
      });
    }
    list((b as Record<string, unknown> | null)?.overrides).forEach((o, j) => {
      const keys = [
        "ldflags",
        "tags",
        "flags",
        "asmflags",
        "gcflags",
        "buildmode",
        "env",
        ...Object.keys(ignore.shape),
      ];
      visit(o, ["builds", i, "overrides", j], Object.fromEntries(keys.map((k) => [k, true])));
    });
    list((b as Record<string, unknown> | null)?.ignore).forEach((rule, j) => {
      visit(
        rule,
        ["builds", i, "ignore", j],
        Object.fromEntries(Object.keys(ignore.shape).map((k) => [k, true])),
      );
    });
  });
  list(data.archives).forEach((a, i) => {
    visit(a, ["archives", i], archiveKeys);
    const entry = a as Record<string, unknown> | null;
    list(entry?.format_overrides).forEach((o, j) => {
      visit(o, ["archives", i, "format_overrides", j], { goos: true, format: true, formats: true });
    });
    list(entry?.files).forEach((f, j) => {
      visit(f, ["archives", i, "files", j], { src: true, dst: true, strip_parent: true, info: false });
    });
  });
  return warnings;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** Go's os.ExpandEnv: $VAR and ${VAR} from the environment, unset ones empty. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(
    /\$(\{([^}]*)\}|([A-Za-z0-9_]+|[*#$@!?\-0-9]))/g,
    (_, __, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? "";
      return env[name] ?? "";
    },
  );
}
