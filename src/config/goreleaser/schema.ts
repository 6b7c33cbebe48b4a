// The zod schema of the GoReleaser keys goship implements, with the value forms GoReleaser's own
// unmarshalers accept (a scalar for a string, a string for a list, a command line for hooks).
import { z } from "zod";

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

export const ignore = z.looseObject({
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

export const build = z.looseObject({
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

/** GoReleaser's FileInfo: owner and group (templates), an os.FileMode (octal in YAML), an RFC 3339 mtime (template). */
export const fileInfo = z.looseObject({
  owner: scalar.optional(),
  group: scalar.optional(),
  mode: z.number().int().min(0).optional(),
  mtime: scalar.optional(),
});

const file = z.union([
  z.string(),
  z.looseObject({
    src: scalar.default(""),
    dst: scalar.optional(),
    strip_parent: z.boolean().optional(),
    info: fileInfo.optional(),
  }),
]);

export const archive = z.looseObject({
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
  builds_info: fileInfo.optional(),
});

export const goreleaserSchema = z.looseObject({
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
      extra_files: z
        .array(z.looseObject({ glob: scalar.default(""), name_template: scalar.optional() }))
        .optional(),
      templated_extra_files: z
        .array(
          z.looseObject({
            src: scalar.default(""),
            dst: scalar.default(""),
            mode: z.number().int().min(0).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  snapshot: z
    .looseObject({ version_template: scalar.optional(), name_template: scalar.optional() })
    .optional(),
  release: z.looseObject({ github: z.looseObject({ name: scalar.optional() }).optional() }).optional(),
});

export type GoreleaserConfig = z.output<typeof goreleaserSchema>;
export type GoreleaserBuild = z.output<typeof build>;
export type GoreleaserArchive = z.output<typeof archive>;
export type GoreleaserIgnore = z.output<typeof ignore>;
