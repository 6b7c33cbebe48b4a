// The `nfpms` config key, under GoReleaser's key names (the same in goship.yaml and .goreleaser.yaml).
import { z } from "zod";

/** yaml.v3 decodes any scalar into a Go string field: 1 → "1". */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const list = (description: string) => z.array(scalar).optional().meta({ description });
const text = (description: string) => scalar.optional().meta({ description });
/** Modes are octal in YAML (0o644, 0644) and arrive as numbers; "0644" strings are read as octal. */
const mode = z
  .union([z.number().int(), z.string().regex(/^0?o?[0-7]+$/)])
  .transform((v) => (typeof v === "number" ? v : Number.parseInt(v.replace(/^0?o?/, ""), 8)));

const fileInfo = z
  .looseObject({
    owner: text("Owner name. @default root"),
    group: text("Group name. @default root"),
    mode: mode.optional().meta({ description: "Permission bits, e.g. 0644." }),
    mtime: text("RFC 3339 time (template). @default the commit time"),
  })
  .meta({ description: "Owner, group, mode and mtime of the installed file." });

const content = z.looseObject({
  src: text("Source path, relative to the module root (template; globs allowed)."),
  dst: text("Destination path in the package (template)."),
  type: z.enum(["", "config", "config|noreplace", "dir", "symlink", "ghost", "tree"]).optional().meta({
    description: "Content type: config, config|noreplace, dir, symlink, ghost or tree. @default a plain file",
  }),
  file_info: fileInfo.optional(),
  packager: text("Only include this entry in packages of this format (deb, rpm, apk, archlinux)."),
  expand: z
    .boolean()
    .optional()
    .meta({ description: "Render the source file as a template. @default false" }),
});

const scripts = z.looseObject({
  preinstall: text("Script run before installing (path, template)."),
  postinstall: text("Script run after installing (path, template)."),
  preremove: text("Script run before removing (path, template)."),
  postremove: text("Script run after removing (path, template)."),
});

const signature = z.looseObject({
  key_file: text("Private key file (template); its passphrase comes from $NFPM_<ID>_<FORMAT>_PASSPHRASE."),
  key_id: text("Key id (deb/rpm)."),
  key_name: text("Key name apk installs it under (apk). @default the maintainer's e-mail address"),
  type: text("deb signature type: origin, maint or archive. @default origin"),
});

const formatSections = {
  deb: z
    .looseObject({
      compression: z
        .enum(["gzip", "xz", "zstd", "none"])
        .optional()
        .meta({ description: "data.tar compression. @default gzip" }),
      predepends: list("Pre-Depends."),
      breaks: list("Breaks."),
      fields: z.record(z.string(), scalar).optional().meta({ description: "Extra control fields." }),
      lintian_overrides: list("Lintian overrides, installed as /usr/share/lintian/overrides/<name>."),
      signature: signature.optional(),
    })
    .optional(),
  rpm: z
    .looseObject({
      summary: text("Summary. @default the first line of the description"),
      group: text("Group."),
      compression: z
        .enum(["gzip", "zstd", "none", "xz", "lzma"])
        .optional()
        .meta({ description: "Payload compression. @default gzip" }),
      prefixes: list("Relocation prefixes."),
      packager: text("Packager. @default the maintainer"),
      buildhost: text("Build host recorded in the header. @default goship"),
      signature: signature.optional(),
    })
    .optional(),
  apk: z.looseObject({ signature: signature.optional() }).optional(),
  archlinux: z
    .looseObject({ pkgbase: text("pkgbase. @default the package name"), packager: text("packager.") })
    .optional(),
};

const overridable = {
  dependencies: list("Depends."),
  recommends: list("Recommends."),
  suggests: list("Suggests."),
  conflicts: list("Conflicts."),
  replaces: list("Replaces."),
  provides: list("Provides."),
  contents: z
    .array(content)
    .optional()
    .meta({ description: "Files, directories, symlinks and config files." }),
  umask: mode.optional().meta({ description: "Umask applied to modes taken from disk. @default 0o002" }),
  scripts: scripts.optional(),
  file_name_template: text(
    "Package file name (template). @default {{ .ConventionalFileName }} in goship.yaml",
  ),
  ...formatSections,
};

export const nfpmEntrySchema = z.looseObject({
  id: text("Unique id. @default default"),
  ids: list("Build ids whose binaries go in. @default all"),
  package_name: text("Package name (template). @default the project name"),
  formats: z
    .array(z.enum(["deb", "rpm", "apk", "archlinux", "termux.deb", "ipk"]))
    .optional()
    .meta({ description: "Formats to build: deb, rpm, apk, archlinux." }),
  vendor: text("Vendor."),
  homepage: text("Homepage (template)."),
  maintainer: text("Maintainer, `Name <email>` (template)."),
  description: text("Description; the first line is the summary (template)."),
  license: text("License."),
  bindir: text("Where binaries are installed (template). @default /usr/bin"),
  section: text("Debian section. @default default"),
  priority: text("Debian priority. @default optional"),
  meta: z.boolean().optional().meta({ description: "A meta package: no binaries. @default false" }),
  mtime: text("RFC 3339 time of every entry (template). @default the commit time"),
  epoch: text("Epoch."),
  release: text("Release. @default 1 for rpm"),
  prerelease: text("Prerelease part of the version. @default from the version"),
  version_metadata: text("Build metadata part of the version. @default from the version"),
  overrides: z
    .record(z.string(), z.looseObject(overridable))
    .optional()
    .meta({ description: "Per-format values that replace the ones above." }),
  templated_contents: z
    .array(content)
    .optional()
    .meta({ description: "Contents whose source files are templates." }),
  libdirs: z.looseObject({ header: text(""), carchive: text(""), cshared: text("") }).optional(),
  changelog: text("Changelog file in chglog format (not supported: an error when set)."),
  ...overridable,
});

export const nfpmsSchema = z
  .array(nfpmEntrySchema)
  .meta({ description: "Linux packages (deb, rpm, apk, Arch) of the binaries." });

export type NfpmEntry = z.infer<typeof nfpmEntrySchema>;
export type NfpmContent = z.infer<typeof content>;
export type NfpmOverridable = Pick<NfpmEntry, keyof typeof overridable>;
