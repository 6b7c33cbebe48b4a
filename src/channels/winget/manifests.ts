// winget manifests (`winget`): the version, installer and default-locale files of manifest schema
// 1.12.0 that microsoft/winget-pkgs takes. They are written to dist; submitting them is a pull
// request to that repository, which needs a forge.
import { Scalar, stringify } from "yaml";
import type { ReleasedAsset } from "../assets.js";
import { ChannelConfigError } from "../errors.js";

export const WINGET_MANIFEST_VERSION = "1.12.0";

export interface WingetSpec {
  readonly header: string;
  readonly packageIdentifier: string;
  readonly version: string;
  /** YYYY-MM-DD of the commit (GoReleaser uses the build date, which changes on every run). */
  readonly releaseDate: string;
  readonly publisher: string;
  readonly name: string;
  readonly packageName: string;
  readonly author: string;
  readonly publisherUrl: string;
  readonly publisherSupportUrl: string;
  readonly privacyUrl: string;
  readonly homepage: string;
  readonly license: string;
  readonly licenseUrl: string;
  readonly copyright: string;
  readonly copyrightUrl: string;
  readonly shortDescription: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly releaseNotes: string;
  readonly releaseNotesUrl: string;
  readonly installationNotes: string;
  readonly dependencies: readonly { readonly packageIdentifier: string; readonly minimumVersion: string }[];
}

export interface WingetFile {
  readonly name: string;
  readonly content: string;
}

const wingetArch: Readonly<Record<string, string>> = { amd64: "x64", "386": "x86", arm64: "arm64" };

/** The ID rule of winget-pkgs: 2 to 8 dot-separated segments of up to 32 characters. */
export function checkPackageIdentifier(id: string): void {
  const segments = id.split(".");
  const badSegment = (segment: string) =>
    segment.length < 1 ||
    segment.length > 32 ||
    /[\s\\/:*?"<>|]/.test(segment) ||
    [...segment].some((c) => c < " ");
  if (segments.length < 2 || segments.length > 8 || segments.some(badSegment)) {
    throw new ChannelConfigError(
      `winget package_identifier ${JSON.stringify(id)} is not valid: use Publisher.Name (2 to 8 dot-separated parts, no spaces)`,
    );
  }
}

/** `manifests/<first letter>/<id with . as />/<version>`, where winget-pkgs keeps a version. */
export function defaultManifestPath(id: string, version: string): string {
  return ["manifests", (id[0] ?? "").toLowerCase(), id.replaceAll(".", "/"), version].join("/");
}

function quoted(value: string): Scalar | string {
  if (!value) return value;
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** Drops empty strings and lists, as Go's `omitempty` does. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, v]) => v !== "" && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

function document(spec: WingetSpec, type: string, body: Record<string, unknown>): string {
  const yaml = stringify(compact({ ...body, ManifestType: type, ManifestVersion: WINGET_MANIFEST_VERSION }), {
    lineWidth: 0,
    // Hashes of only digits, dates and versions must stay strings for winget's schema.
    defaultStringType: "PLAIN",
  });
  const schema = `# yaml-language-server: $schema=https://aka.ms/winget-manifest.${type}.${WINGET_MANIFEST_VERSION}.schema.json`;
  return `${spec.header}\n${schema}\n${yaml}`;
}

function installers(assets: readonly ReleasedAsset[]): {
  type: string;
  items: Record<string, unknown>[];
  commands: string[];
} {
  const windows = assets.filter((a) => a.goos === "windows" && wingetArch[a.goarch]);
  const zips = windows.filter((a) => a.type === "archive" && a.format === "zip");
  const binaries = windows.filter((a) => a.type === "binary");
  if (zips.length && binaries.length) {
    throw new ChannelConfigError("winget takes zip archives or binaries, not both: pick one kind with `ids`");
  }
  const chosen = zips.length ? zips : binaries;
  if (chosen.length === 0) {
    throw new ChannelConfigError(
      "no Windows zip archive for amd64, 386 or arm64 matches this winget manifest",
    );
  }
  const arches = chosen.map((a) => a.goarch);
  if (arches.some((a, i) => arches.indexOf(a) !== i)) {
    throw new ChannelConfigError(
      "two Windows archives for one architecture match this winget manifest: pick one with `ids`",
    );
  }
  const items = chosen.map((a) =>
    compact({
      Architecture: wingetArch[a.goarch],
      NestedInstallerType: a.type === "archive" ? "portable" : "",
      NestedInstallerFiles:
        a.type === "archive"
          ? a.binaries.map((b) => ({
              RelativeFilePath: (a.wrappedIn ? `${a.wrappedIn}/${b}` : b).replaceAll("/", "\\"),
              PortableCommandAlias: b.replace(/\.exe$/, ""),
            }))
          : [],
      InstallerUrl: a.url,
      InstallerSha256: a.sha256,
      UpgradeBehavior: "uninstallPrevious",
    }),
  );
  return {
    type: zips.length ? "zip" : "portable",
    items,
    commands: binaries.length ? [binaries[0]?.binaries[0] ?? ""] : [],
  };
}

/** The three files, named `<id>.yaml`, `<id>.installer.yaml` and `<id>.locale.en-US.yaml`. */
export function writeWingetManifests(spec: WingetSpec, assets: readonly ReleasedAsset[]): WingetFile[] {
  checkPackageIdentifier(spec.packageIdentifier);
  const id = spec.packageIdentifier;
  const { type, items, commands } = installers(assets);
  const deps = spec.dependencies.map((d) =>
    compact({ PackageIdentifier: d.packageIdentifier, MinimumVersion: d.minimumVersion }),
  );
  return [
    {
      name: `${id}.yaml`,
      content: document(spec, "version", {
        PackageIdentifier: id,
        PackageVersion: spec.version,
        DefaultLocale: "en-US",
      }),
    },
    {
      name: `${id}.installer.yaml`,
      content: document(spec, "installer", {
        PackageIdentifier: id,
        PackageVersion: spec.version,
        InstallerLocale: "en-US",
        InstallerType: type,
        Commands: commands,
        // Quoted, as YAML 1.1 readers would take a bare date for a timestamp.
        ReleaseDate: quoted(spec.releaseDate),
        Installers: items,
        ...(deps.length ? { Dependencies: { PackageDependencies: deps } } : {}),
      }),
    },
    {
      name: `${id}.locale.en-US.yaml`,
      content: document(spec, "defaultLocale", {
        PackageIdentifier: id,
        PackageVersion: spec.version,
        PackageLocale: "en-US",
        Publisher: spec.publisher,
        PublisherUrl: spec.publisherUrl,
        PublisherSupportUrl: spec.publisherSupportUrl,
        PrivacyUrl: spec.privacyUrl,
        Author: spec.author,
        PackageName: spec.packageName,
        PackageUrl: spec.homepage,
        License: spec.license,
        LicenseUrl: spec.licenseUrl,
        Copyright: spec.copyright,
        CopyrightUrl: spec.copyrightUrl,
        ShortDescription: spec.shortDescription,
        Description: spec.description.replaceAll("\t", "  "),
        Moniker: spec.name,
        Tags: spec.tags.map((t) => t.toLowerCase().replaceAll(" ", "-")),
        ReleaseNotes: spec.releaseNotes,
        ReleaseNotesUrl: spec.releaseNotesUrl,
        InstallationNotes: spec.installationNotes,
      }),
    },
  ];
}
