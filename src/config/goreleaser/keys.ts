// Every key of a GoReleaser file sorted as GoReleaser knows it: implemented by goship, read but not
// acted on, GoReleaser Pro only, deprecated, or unknown (an error, as GoReleaser's strict decoding
// makes it). Sections goship does not implement are checked key by key against sections/.
import { formatPath } from "../errors.js";
import { findUnknownKeys } from "./key-tree.js";
import { archive, build, ignore } from "./schema.js";
import { unimplementedSections } from "./sections/index.js";

/**
 * Keys GoReleaser knows, by section: `true` implemented, `false` read but not acted on,
 * `"pro"` GoReleaser Pro only. Anything else is an unknown key, an error there as here.
 */
/** Keys GoReleaser v2 removed, with what replaced them. */
const deprecatedKeyHints: Readonly<Record<string, string>> = {
  "brews.tap": "GoReleaser v2 calls it repository",
  "changelog.skip": "GoReleaser v2 calls it disable",
  "release.discussion_category_name": "",
};

export const topKeys: Record<string, boolean | "pro"> = {
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
      "gemfury",
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
  builds_info: true,
  meta: false,
  templated_files: "pro",
  hooks: "pro",
};

/** GoReleaser's FileInfo (archives[].files[].info, archives[].builds_info). */
const fileInfoKeys = { owner: true, group: true, mode: true, mtime: true };

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
      extra_files: true,
      templated_extra_files: "pro",
    },
  ],
  ["snapshot", { version_template: true, name_template: true }],
];

export interface GoreleaserWarnings {
  readonly unimplemented: string[];
  readonly pro: string[];
}

/** Every key of the file checked against GoReleaser's: unknown ones are errors, others sorted into warnings. */
export function inventoryKeys(
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
  // Sections goship does not act on are still checked key by key, as GoReleaser decodes them.
  for (const [section, tree] of Object.entries(unimplementedSections)) {
    if (implemented.includes(section) || data[section] === undefined || data[section] === null) continue;
    findUnknownKeys(data[section], tree, [section], (at, key, known) => {
      const hint =
        deprecatedKeyHints[`${section}.${key}`] ?? (known.length ? `known keys: ${known.join(", ")}` : "");
      problem(
        [...at, key],
        `unknown key "${key}" (GoReleaser rejects it too)${hint ? `; ${hint}` : ""}`,
        true,
      );
    });
  }
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
      visit(f, ["archives", i, "files", j], { src: true, dst: true, strip_parent: true, info: true });
      visit(field(f, "info"), ["archives", i, "files", j, "info"], fileInfoKeys);
    });
    visit(entry?.builds_info, ["archives", i, "builds_info"], fileInfoKeys);
  });
  list(field(data.checksum, "extra_files")).forEach((f, j) => {
    visit(f, ["checksum", "extra_files", j], { glob: true, name_template: true });
  });
  return warnings;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** GoReleaser's deprecation notices (pkg/deprecate) for keys v2.15.1 still reads. */
const deprecated: ReadonlyArray<
  [path: string, anchor: string, has: (data: Record<string, unknown>) => boolean]
> = [
  ["archives.format", "archivesformat", (d) => list(d.archives).some((a) => has(a, "format"))],
  [
    "archives.format_overrides.format",
    "archivesformat_overridesformat",
    (d) => list(d.archives).some((a) => list(field(a, "format_overrides")).some((o) => has(o, "format"))),
  ],
  ["archives.builds", "archivesbuilds", (d) => list(d.archives).some((a) => has(a, "builds"))],
  ["snapshot.name_template", "snapshotname_template", (d) => has(d.snapshot, "name_template")],
  ["builds.gobinary", "buildsgobinary", (d) => list(d.builds).some((b) => has(b, "gobinary"))],
  ["brews", "brews", (d) => !isEmpty(d.brews)],
  ["dockers", "dockers", (d) => !isEmpty(d.dockers)],
  ["docker_manifests", "docker_manifests", (d) => !isEmpty(d.docker_manifests)],
];

/** One notice per deprecated key the file uses, worded as GoReleaser prints it. */
export function deprecationNotices(data: Record<string, unknown>): string[] {
  return deprecated
    .filter(([, , uses]) => uses(data))
    .map(
      ([key, anchor]) =>
        `DEPRECATED: \`${key}\` should not be used anymore, check https://goreleaser.com/deprecations#${anchor} for more info`,
    );
}

/**
 * Sections that add artifacts (or change the binaries) in a GoReleaser release: until goship
 * implements one, releasing without it would silently make another set than GoReleaser does.
 */
export const artifactSetKeys = [
  "universal_binaries",
  "source",
  "upx",
  "nfpms",
  "srpm",
  "snapcrafts",
  "flatpak",
  "makeselfs",
  "sboms",
  "signs",
  "binary_signs",
  "notarize",
  "dockers",
  "dockers_v2",
  "docker_manifests",
  "kos",
];

/** The artifact-changing sections the file uses that goship does not implement. */
export function unimplementedArtifactKeys(data: Record<string, unknown>): string[] {
  return artifactSetKeys.filter((key) => key in unimplementedSections && !isEmpty(activeEntries(data[key])));
}

/** A section's entries minus those switched off (`disable: true`, `enabled: false`, `skip: true`). */
function activeEntries(value: unknown): unknown {
  const off = (entry: unknown) =>
    field(entry, "disable") === true || field(entry, "enabled") === false || field(entry, "skip") === true;
  if (Array.isArray(value)) return value.filter((entry) => !off(entry));
  return off(value) ? undefined : value;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function has(value: unknown, key: string): boolean {
  return field(value, key) !== undefined && field(value, key) !== null;
}

/** yaml.v3 decodes null into a Go zero value: an empty list, section or string, as if absent. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}
