// `nfpms` entries with GoReleaser's defaults filled in; templates stay unrendered until a target is known.
import type { PackageFormat } from "./naming.js";
import type { NfpmEntry, NfpmOverridable } from "./schema.js";

/** GoReleaser's default package file name (internal/pipe/nfpm `defaultNameTemplate`). */
export const GORELEASER_NAME_TEMPLATE =
  '{{ .PackageName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';
export const CONVENTIONAL_NAME_TEMPLATE = "{{ .ConventionalFileName }}";

export interface ResolvedNfpm {
  readonly id: string;
  /** Build ids whose binaries go in; undefined for every build. */
  readonly ids: readonly string[] | undefined;
  readonly packageName: string;
  readonly formats: readonly PackageFormat[];
  readonly vendor: string;
  readonly homepage: string;
  readonly maintainer: string;
  readonly description: string;
  readonly license: string;
  readonly bindir: string;
  readonly section: string;
  readonly priority: string;
  readonly meta: boolean;
  readonly mtime: string;
  readonly epoch: string;
  readonly release: string;
  readonly prerelease: string;
  readonly versionMetadata: string;
  /** The overridable keys as written at the top level, file_name_template defaulted. */
  readonly base: NfpmOverridable & { readonly file_name_template: string };
  readonly overrides: Readonly<Record<string, NfpmOverridable>>;
  /** Extra content made by goship itself (zero config: README and LICENSE). */
  readonly docs: readonly string[];
}

export interface ResolveFacts {
  readonly flavor: "goship" | "goreleaser";
  readonly projectName: string;
  problem(at: ReadonlyArray<PropertyKey>, message: string): void;
}

const SUPPORTED: readonly string[] = ["deb", "rpm", "apk", "archlinux"];

/** Every entry with its defaults; problems (unsupported formats, duplicate ids) are reported, not thrown. */
export function resolveNfpms(user: readonly NfpmEntry[] | undefined, facts: ResolveFacts): ResolvedNfpm[] {
  const seen = new Set<string>();
  return (user ?? []).map((entry, index) => {
    const id = entry.id || "default";
    if (seen.has(id))
      facts.problem([index, "id"], `found 2 nfpms with the ID '${id}', please fix your config`);
    seen.add(id);
    const formats = (entry.formats ?? []).filter((format, i) => {
      if (SUPPORTED.includes(format)) return true;
      facts.problem(
        [index, "formats", i],
        `goship cannot build ${format} packages; use deb, rpm, apk or archlinux`,
      );
      return false;
    }) as PackageFormat[];
    checkCompression(entry, [index], facts);
    for (const [format, override] of Object.entries(entry.overrides ?? {})) {
      checkCompression(override, [index, "overrides", format], facts);
    }
    if (entry.changelog) {
      facts.problem([index, "changelog"], "goship does not write package changelogs yet; remove the key");
    }
    return {
      id,
      ids: entry.ids,
      packageName: entry.package_name || facts.projectName,
      formats,
      vendor: entry.vendor ?? "",
      homepage: entry.homepage ?? "",
      maintainer: entry.maintainer ?? "",
      description: entry.description ?? "",
      license: entry.license ?? "",
      bindir: entry.bindir || "/usr/bin",
      section: entry.section ?? "",
      priority: entry.priority ?? "",
      meta: entry.meta ?? false,
      mtime: entry.mtime ?? "",
      epoch: entry.epoch ?? "",
      release: entry.release ?? "",
      prerelease: entry.prerelease ?? "",
      versionMetadata: entry.version_metadata ?? "",
      base: {
        ...entry,
        contents: [
          ...(entry.contents ?? []),
          ...(entry.templated_contents ?? []).map((c) => ({ ...c, expand: true })),
        ],
        file_name_template:
          entry.file_name_template ||
          (facts.flavor === "goreleaser" ? GORELEASER_NAME_TEMPLATE : CONVENTIONAL_NAME_TEMPLATE),
      },
      overrides: entry.overrides ?? {},
      docs: [],
    };
  });
}

function checkCompression(entry: NfpmOverridable, at: readonly PropertyKey[], facts: ResolveFacts): void {
  if (entry.deb?.compression === "xz") {
    facts.problem(
      [...at, "deb", "compression"],
      "goship cannot write xz yet; use gzip (the default) or zstd",
    );
  }
  const rpm = entry.rpm?.compression;
  if (rpm === "xz" || rpm === "lzma") {
    facts.problem(
      [...at, "rpm", "compression"],
      `goship cannot write ${rpm} yet; use gzip (the default) or zstd`,
    );
  }
}

/** GoReleaser's mergeOverrides: a format's override replaces each key it sets. */
export function overriddenFor(nfpm: ResolvedNfpm, format: PackageFormat): ResolvedNfpm["base"] {
  const override = nfpm.overrides[format] ?? {};
  const merged: Record<string, unknown> = { ...nfpm.base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    merged[key] = value;
  }
  return merged as ResolvedNfpm["base"];
}

/** Zero config (`--packages deb,rpm`): the binaries in /usr/bin and the module's documents. */
export function zeroConfigNfpm(
  formats: readonly PackageFormat[],
  projectName: string,
  docs: readonly string[],
): ResolvedNfpm {
  return {
    ...resolveNfpms([{ formats: [...formats] }], { flavor: "goship", projectName, problem: () => {} })[0]!,
    docs,
  };
}
