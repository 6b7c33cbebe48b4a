// The one definition of goship's config: validation, the TypeScript types and schema.json come from here.
import { z } from "zod";
import { releaseLdflagWords } from "../go/build-args.js";
import type { AnySection } from "./section.js";

const template = (description: string) => z.string().meta({ description });

/** A command run before the release or around each build: an argv list, never a shell unless asked. */
const hookSchema = z
  .union([
    z.array(z.string()).min(1).meta({ description: 'An argv list, e.g. ["go", "generate", "./..."].' }),
    z.string().min(1).meta({
      description:
        "A command line split into words the way a shell would (quotes, backslashes), then run without a shell.",
    }),
    z.strictObject({
      cmd: z.union([z.array(z.string()).min(1), z.string().min(1)]).meta({
        description:
          "The argv list, or a command line (split into words, or given to sh -c with shell: true).",
      }),
      dir: template("Working directory, relative to the module root (template).").optional(),
      env: z.array(z.string()).optional().meta({ description: "Extra KEY=VALUE variables (templates)." }),
      shell: z
        .boolean()
        .optional()
        .meta({ description: "Run cmd with `sh -c`. @default false", default: false }),
      output: z
        .boolean()
        .optional()
        .meta({ description: "Show the command's output in the log. @default false", default: false }),
    }),
  ])
  .meta({ id: "Hook", description: "A command: an argv list, a command line, or an object with cmd." });

const hooksSchema = z.union([z.string().min(1), z.array(hookSchema)]).meta({
  description: "One command line, or a list of hooks (an argv list is one hook: [[go, generate, ./...]]).",
});

const stringList = (description: string) => z.array(z.string()).meta({ description });

const levelLists = {
  goamd64: stringList("GOAMD64 levels for amd64 (v1…v4).").optional(),
  goarm: z
    .array(z.union([z.string(), z.number()]))
    .optional()
    .meta({ description: "GOARM levels for arm (5, 6, 7)." }),
  goarm64: stringList("GOARM64 levels for arm64 (v8.0…v9.5).").optional(),
  go386: stringList("GO386 levels for 386 (sse2, softfloat).").optional(),
  gomips: stringList("GOMIPS/GOMIPS64 levels (hardfloat, softfloat).").optional(),
  goppc64: stringList("GOPPC64 levels (power8, power9, power10).").optional(),
  goriscv64: stringList("GORISCV64 levels (rva20u64, rva22u64, rva23u64).").optional(),
};

const ignoreSchema = z.strictObject({
  goos: z.string().optional(),
  goarch: z.string().optional(),
  goamd64: z.string().optional(),
  goarm: z.union([z.string(), z.number()]).optional(),
  goarm64: z.string().optional(),
  go386: z.string().optional(),
  gomips: z.string().optional(),
  goppc64: z.string().optional(),
  goriscv64: z.string().optional(),
});

const buildSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Unique id, used by archives.ids. @default the binary name" }),
    main: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .meta({
        description:
          "Main package(s) to build, relative to the module root (./cmd/api). @default every main package of the module",
      }),
    binary: template(
      "Binary name (template; .Os, .Arch … are available). Only with a single main. @default the last element of the main package's import path",
    ).optional(),
    targets: z.array(z.string()).optional().meta({
      description:
        "os/arch[/level] targets, e.g. linux/amd64/v3, linux/arm/7. @default the top-level targets, else linux, darwin and windows on amd64 and arm64",
    }),
    goos: stringList("With goarch: build every goos × goarch (× level) combination Go supports.").optional(),
    goarch: stringList("With goos: the architectures of the matrix.").optional(),
    ...levelLists,
    ignore: z.array(ignoreSchema).optional().meta({
      description: "Combinations of the goos/goarch matrix to leave out; empty fields match anything.",
    }),
    env: stringList("KEY=VALUE variables of go build (templates), after the top-level env.").optional(),
    flags: stringList(
      "Extra go build flags (templates), after goship's -trimpath -mod -buildvcs.",
    ).optional(),
    ldflags: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({
        description:
          "Linker flags (templates), joined with spaces into one -ldflags. @default -s -w -buildid=",
        default: [...releaseLdflagWords],
      }),
    stamps: z
      .record(z.string(), z.string())
      .optional()
      .meta({
        description:
          "Variables set with -X importpath.name=value (values are templates, quoted as cmd/go needs). @default main.version, main.commit and main.date",
        default: {
          "main.version": "{{ .Version }}",
          "main.commit": "{{ .FullCommit }}",
          "main.date": "{{ .CommitDate }}",
        },
      }),
    tags: stringList("Build tags, passed as one -tags=a,b.").optional(),
    cgo: z
      .union([z.boolean(), z.enum(["off", "static", "dynamic"])])
      .optional()
      .meta({
        description:
          'cgo: off (CGO_ENABLED=0), static (musl, fully static; zig cross-compiles every target) or dynamic (glibc; the minimum glibc version is recorded and verified). true means dynamic, false off. @default static when a package the build imports uses C (import "C"), else off',
      }),
    hooks: z
      .strictObject({
        pre: hooksSchema.optional().meta({ description: "Run before each target's go build." }),
        post: hooksSchema.optional().meta({ description: "Run after each target's go build." }),
      })
      .optional(),
    skip: z
      .boolean()
      .optional()
      .meta({ description: "Leave this build out. @default false", default: false }),
  })
  .meta({ id: "Build" });

const archiveFormat = z.enum(["tar.gz", "tgz", "tar", "zip", "binary"]);

const fileSchema = z.union([
  z.string().min(1).meta({ description: "A glob relative to the module root (** crosses folders)." }),
  z.strictObject({
    src: z.string().min(1).meta({ description: "Glob or path, relative to the module root (template)." }),
    dst: z.string().optional().meta({ description: "Where the matches go inside the archive." }),
    strip_parent: z
      .boolean()
      .optional()
      .meta({ description: "Put every match directly in dst, without its folders. @default false" }),
  }),
]);

const archiveSchema = z
  .strictObject({
    id: z.string().min(1).optional().meta({ description: "Unique id. @default default" }),
    ids: stringList("Build ids whose binaries go into this archive. @default every build").optional(),
    name_template: template(
      "Archive name without extension (template). @default {{ .ProjectName }}-{{ .Version }}-{{ .Os }}-{{ .ArchVariant }}",
    ).optional(),
    format: archiveFormat
      .optional()
      .meta({ description: "Archive format. @default tar.gz (zip on windows)" }),
    format_overrides: z
      .array(z.strictObject({ goos: z.string().min(1), format: z.union([archiveFormat, z.literal("none")]) }))
      .optional()
      .meta({ description: "A different format for some operating systems. @default windows: zip" }),
    files: z.array(fileSchema).optional().meta({
      description:
        "Extra files: globs or {src, dst}. [] ships the binaries only. @default README*, LICENSE*, CHANGELOG* of the module root",
    }),
    allow_different_binary_count: z.boolean().optional().meta({
      description:
        "Allow targets whose archives hold different numbers of binaries (builds with different targets). @default false",
    }),
    wrap_in_directory: z.union([z.boolean(), z.string()]).optional().meta({
      description:
        "Put everything in one top folder: true (the archive's name), false, or a template. @default true",
    }),
  })
  .meta({ id: "Archive" });

const checksumSchema = z.strictObject({
  algorithm: z.enum(["sha256", "sha512"]).optional().meta({ description: "@default sha256" }),
  name_template: template(
    "Name of the file listing every archive (template). @default checksums.txt",
  ).optional(),
  combined: z
    .boolean()
    .optional()
    .meta({ description: "Write the file listing every archive. @default true", default: true }),
  split: z
    .boolean()
    .optional()
    .meta({ description: "Write one checksum file beside each archive. @default true", default: true }),
  split_name_template: template(
    "Name of each archive's own checksum file (template; .ArtifactName, .Algorithm). @default {{ .ArtifactName }}.{{ .Algorithm }}",
  ).optional(),
  disable: z.boolean().optional().meta({ description: "Write no checksums. @default false" }),
  extra_files: z
    .array(
      z.strictObject({
        glob: z
          .string()
          .min(1)
          .meta({ description: "Files to list, relative to the module root (template)." }),
        name_template: template(
          "Name of the file in the checksum file (template); only for a glob that matches one file. @default the file's base name",
        ).optional(),
      }),
    )
    .optional()
    .meta({
      description:
        "Files outside the release also listed in the checksum files (GoReleaser's checksum.extra_files). @default []",
    }),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "The JSON schema of this file, for editors." }),
    project_name: z.string().min(1).optional().meta({
      description: "Project name used in archive names. @default the last element of the module path",
    }),
    dist: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Output directory, relative to the module root; --dist wins. @default dist" }),
    env: stringList("KEY=VALUE variables for every build and hook (templates).").optional(),
    before: z
      .strictObject({
        hooks: z.array(hookSchema).optional().meta({ description: "Run once, before any build." }),
      })
      .optional(),
    targets: z
      .array(z.string())
      .optional()
      .meta({ description: "os/arch[/level] targets of every build that sets none; --targets wins." }),
    builds: z
      .array(buildSchema)
      .min(1)
      .optional()
      .meta({ description: "@default one build per main package" }),
    archives: z.array(archiveSchema).optional().meta({ description: "@default one archive per target" }),
    checksum: checksumSchema.optional(),
    snapshot: z
      .strictObject({
        version_template: template(
          "Version of snapshot releases (template). @default {{ .Version }}",
        ).optional(),
      })
      .optional(),
    parallelism: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .optional()
      .meta({ description: "Targets built at once; --parallelism wins. @default the number of CPUs" }),
  })
  .meta({
    title: "goship configuration",
    description:
      "goship.yaml: every field is optional; goship's zero-config defaults apply to what is left out.",
  });

/** What users write: every field optional. */
export type UserConfig = z.input<typeof configSchema>;
export type UserBuild = z.input<typeof buildSchema>;
export type UserArchive = z.input<typeof archiveSchema>;
export type UserHook = z.input<typeof hookSchema>;
export type UserFile = z.input<typeof fileSchema>;
export type UserIgnore = z.input<typeof ignoreSchema>;
export type UserChecksum = z.input<typeof checksumSchema>;

/** goship's schema with the keys of the formats' sections added. */
export function configSchemaWith(sections: readonly AnySection[]) {
  if (sections.length === 0) return configSchema;
  return configSchema.extend(
    Object.fromEntries(sections.map((section) => [section.key, section.goship.optional()])),
  );
}

/** schema.json: the JSON schema editors use to complete and check goship.yaml. */
export function configJsonSchema(sections: readonly AnySection[] = []): object {
  return z.toJSONSchema(configSchemaWith(sections), { io: "input", target: "draft-7" });
}
