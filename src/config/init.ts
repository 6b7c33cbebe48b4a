// `goship init`: a commented goship.yaml for the detected module, or one converted from a
// GoReleaser file with notes where goship's semantics differ.
import { Document, isMap, isSeq, type Scalar } from "yaml";
import { lastElement } from "../go/module.js";
import { defaultTargets, formatTarget, type Target } from "../go/targets.js";
import { goreleaserTargets } from "./goreleaser.js";
import type { UserArchive, UserBuild, UserConfig } from "./schema.js";

export interface InitFacts {
  readonly modulePath: string;
  readonly mains: ReadonlyArray<{ readonly relativePath: string; readonly binary: string }>;
}

const headerLines = (source: string) => [
  `goship configuration (${source}).`,
  "Every key is optional: what is left out keeps goship's zero-config defaults.",
  "`goship check` validates this file; `goship schema > goship.schema.json` gives editors its schema.",
];

const header = (source: string) =>
  `${headerLines(source)
    .map((line) => `# ${line}`)
    .join("\n")}\n`;

/** A goship.yaml spelling out the defaults for this module, commented, ready to edit. */
export function initialConfig(facts: InitFacts): string {
  const mains = facts.mains.map((m) => m.relativePath);
  const targets = defaultTargets.map(formatTarget);
  const lines = [
    header(`written by goship init for ${facts.modulePath}`),
    `project_name: ${lastElement(facts.modulePath)}`,
    "",
    "builds:",
    `  - id: ${lastElement(facts.modulePath)}`,
    "    # main packages found in the module; each gives a binary named after its folder",
    `    main: [${mains.join(", ")}]`,
    "    # os/arch[/level], e.g. linux/amd64/v3 or linux/arm/7",
    `    targets: [${targets.join(", ")}]`,
    "    # -trimpath, -mod and -buildvcs are always passed; add your own flags here",
    "    flags: []",
    '    ldflags: ["-s", "-w", "-buildid="]',
    "    # -X importpath.name=value; values are templates",
    "    stamps:",
    '      main.version: "{{ .Version }}"',
    '      main.commit: "{{ .FullCommit }}"',
    '      main.date: "{{ .CommitDate }}"',
    "    # cgo: off, static (musl, every target via zig) or dynamic (glibc); when left out, static",
    "    # if a package the build imports uses C, else off",
    "    # cgo: static",
    "",
    "archives:",
    '  - name_template: "{{ .ProjectName }}-{{ .Version }}-{{ .Os }}-{{ .ArchVariant }}"',
    "    format: tar.gz",
    "    format_overrides:",
    "      - goos: windows",
    "        format: zip",
    "    # left out: README*, LICENSE* and CHANGELOG* of the module root; [] ships the binaries only",
    "    # files: [README.md, LICENSE, { src: docs, dst: docs }]",
    "    wrap_in_directory: true",
    "",
    "checksum:",
    "  algorithm: sha256",
    "  name_template: checksums.txt",
    "  split: true # <archive>.sha256 beside each archive",
    "",
    "snapshot:",
    '  version_template: "{{ .Version }}"',
    "",
  ];
  return lines.join("\n");
}

interface GoreleaserLike {
  project_name?: string;
  dist?: string;
  env?: string[];
  before?: { hooks?: string[] };
  builds?: Array<Record<string, unknown>>;
  archives?: Array<Record<string, unknown>>;
  checksum?: Record<string, unknown>;
  snapshot?: Record<string, unknown>;
}

/** A GoReleaser v2 file as goship.yaml, with the notes a reviewer needs about what changes. */
export function convertGoreleaser(raw: unknown, env: NodeJS.ProcessEnv): { text: string; notes: string[] } {
  const gr = (raw ?? {}) as GoreleaserLike;
  const notes: string[] = [
    "goship always builds with -trimpath, -mod=readonly (or vendor) and -buildvcs, and pins every target variable.",
    "goship's .Version is `git describe` (with its v); GoReleaser's is the tag without the v.",
  ];
  const config: UserConfig = {};
  if (gr.project_name) config.project_name = String(gr.project_name);
  if (gr.dist) config.dist = String(gr.dist);
  const globalEnv = (gr.env ?? []).map(String).filter((e) => !e.startsWith("CGO_ENABLED="));
  if (globalEnv.length) config.env = globalEnv;
  if (gr.before?.hooks?.length) config.before = { hooks: gr.before.hooks.map(String) };
  const cgoOn = (gr.env ?? []).includes("CGO_ENABLED=1");
  if (gr.builds?.length) config.builds = gr.builds.map((b, i) => convertBuild(b, i, cgoOn, env, notes));
  if (gr.archives?.length) config.archives = gr.archives.map((a) => convertArchive(a));
  const checksum = gr.checksum ?? {};
  config.checksum = {};
  if (checksum.algorithm) config.checksum.algorithm = String(checksum.algorithm) as "sha256";
  if (checksum.split === true) {
    config.checksum.combined = false;
    config.checksum.split = true;
    if (checksum.name_template) config.checksum.split_name_template = String(checksum.name_template);
  } else {
    config.checksum.split = false;
    config.checksum.name_template = String(
      checksum.name_template ?? "{{ .ProjectName }}_{{ .Version }}_checksums.txt",
    );
  }
  if (checksum.disable === true) config.checksum = { disable: true };
  const version = gr.snapshot?.version_template ?? gr.snapshot?.name_template;
  config.snapshot = { version_template: String(version ?? "{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}") };
  const doc = new Document(config);
  doc.commentBefore = [
    ...headerLines("converted from a GoReleaser file by goship init --from-goreleaser"),
    "",
    ...notes,
  ]
    .map((line) => (line ? ` ${line}` : ""))
    .join("\n");
  compactFlowLists(doc.contents);
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), notes };
}

function convertBuild(
  b: Record<string, unknown>,
  index: number,
  cgoOn: boolean,
  env: NodeJS.ProcessEnv,
  notes: string[],
): UserBuild {
  const out: UserBuild = {};
  if (b.id) out.id = String(b.id);
  const dir = b.dir ? String(b.dir).replace(/\/$/, "") : ".";
  const main = b.main ? String(b.main) : ".";
  out.main = dir === "." ? main : `./${[dir, main].join("/").replace(/^\.\//, "").replace(/\/\.$/, "")}`;
  if (b.binary) out.binary = String(b.binary);
  const targets: Target[] = goreleaserTargets(b as never, env);
  out.targets = targets.map(formatTarget);
  const flags = list(b.flags, true).filter((f) => f !== "-trimpath");
  if (flags.length) out.flags = flags;
  const ldflags = list(b.ldflags, false);
  if (ldflags.length) {
    out.ldflags = ldflags;
    out.stamps = {};
  } else {
    notes.push(
      `builds[${index}] used GoReleaser's default ldflags; goship's stamps main.version, main.commit and main.date apply instead.`,
    );
  }
  const tags = list(b.tags, true);
  if (tags.length) out.tags = tags;
  const buildEnv = list(b.env, false);
  if (cgoOn || buildEnv.includes("CGO_ENABLED=1")) out.cgo = true;
  const rest = buildEnv.filter((e) => !e.startsWith("CGO_ENABLED="));
  if (rest.length) out.env = rest;
  const hooks = b.hooks as { pre?: unknown; post?: unknown } | undefined;
  if (hooks?.pre || hooks?.post) {
    out.hooks = {};
    if (hooks.pre) out.hooks.pre = hookList(hooks.pre);
    if (hooks.post) out.hooks.post = hookList(hooks.post);
  }
  if (b.mod_timestamp)
    notes.push(
      `builds[${index}].mod_timestamp is dropped: goship's archive entries always carry the commit time.`,
    );
  if (String(b.skip ?? "") === "true") out.skip = true;
  return out;
}

function hookList(value: unknown): NonNullable<NonNullable<UserBuild["hooks"]>["pre"]> {
  if (typeof value === "string") return value;
  return (value as unknown[]).map((h) => {
    if (typeof h === "string") return h;
    const hook = h as { cmd?: string; dir?: string; env?: string[]; output?: boolean };
    return {
      cmd: String(hook.cmd ?? ""),
      ...(hook.dir ? { dir: hook.dir } : {}),
      ...(hook.env ? { env: hook.env } : {}),
      ...(hook.output ? { output: true } : {}),
    };
  });
}

function convertArchive(a: Record<string, unknown>): UserArchive {
  const out: UserArchive = {};
  if (a.id) out.id = String(a.id);
  const ids = [...list(a.ids, false), ...list(a.builds, false)];
  if (ids.length) out.ids = ids;
  out.name_template = String(
    a.name_template ??
      '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}',
  );
  const formats = [...list(a.formats, false), ...list(a.format, false)];
  out.format = (formats[0] ?? "tar.gz") as UserArchive["format"];
  const overrides = (a.format_overrides as Array<Record<string, unknown>> | undefined) ?? [];
  out.format_overrides = overrides.map((o) => ({
    goos: String(o.goos),
    format: ([...list(o.formats, false), ...list(o.format, false)][0] ?? "tar.gz") as "zip",
  }));
  if (Array.isArray(a.files)) {
    out.files = a.files.map((f) =>
      typeof f === "string"
        ? f
        : {
            src: String((f as Record<string, unknown>).src),
            ...((f as Record<string, unknown>).dst
              ? { dst: String((f as Record<string, unknown>).dst) }
              : {}),
            ...((f as Record<string, unknown>).strip_parent ? { strip_parent: true } : {}),
          },
    );
  } else {
    out.files = ["license*", "LICENSE*", "readme*", "README*", "changelog*", "CHANGELOG*"];
  }
  const wrap = a.wrap_in_directory;
  out.wrap_in_directory =
    wrap === undefined
      ? false
      : wrap === true || wrap === "true"
        ? true
        : wrap === false || wrap === "false"
          ? false
          : String(wrap);
  return out;
}

function list(value: unknown, fields: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return fields ? String(value).split(/\s+/).filter(Boolean) : [String(value)];
}

/** Short lists of scalars read better on one line: `targets: [linux/amd64, …]`. */
function compactFlowLists(node: unknown): void {
  if (isMap(node)) for (const pair of node.items) compactFlowLists(pair.value);
  else if (isSeq(node)) {
    const scalars = node.items.every((item) => !isMap(item) && !isSeq(item));
    const width = node.items.reduce<number>(
      (n, item) => n + String((item as Scalar).value ?? "").length + 2,
      0,
    );
    if (scalars && width < 80) node.flow = true;
    for (const item of node.items) compactFlowLists(item);
  }
}
