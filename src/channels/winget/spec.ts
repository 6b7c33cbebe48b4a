// `winget` config → the three manifests' content; the release date is the commit's day.
import { ChannelConfigError } from "../errors.js";
import type { ChannelFacts } from "../facts.js";
import type { WingetConfig } from "./config.js";
import type { WingetSpec } from "./manifests.js";

export function wingetSpec(
  config: WingetConfig,
  at: string,
  facts: ChannelFacts,
  commitTime: number,
): WingetSpec {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  const publisher = r(config.publisher, "publisher");
  const name = r(config.name || facts.projectName, "name");
  const license = r(config.license, "license");
  const shortDescription = r(config.short_description, "short_description");
  // GoReleaser skips the manifest silently without these; goship says what is missing.
  for (const [key, value] of [
    ["publisher", publisher],
    ["license", license],
    ["short_description", shortDescription],
  ]) {
    if (!value)
      throw new ChannelConfigError(`${at}.${key} is required for a winget manifest: set it in the config`);
  }
  return {
    header: facts.header,
    packageIdentifier: config.package_identifier || `${publisher.replaceAll(" ", "")}.${name}`,
    version: facts.version,
    releaseDate: new Date(commitTime * 1000).toISOString().slice(0, 10),
    publisher,
    name,
    packageName: r(config.package_name || name, "package_name"),
    author: r(config.author, "author"),
    publisherUrl: r(config.publisher_url, "publisher_url"),
    publisherSupportUrl: r(config.publisher_support_url, "publisher_support_url"),
    privacyUrl: r(config.privacy_url, "privacy_url"),
    homepage: r(config.homepage, "homepage"),
    license,
    licenseUrl: r(config.license_url, "license_url"),
    copyright: r(config.copyright, "copyright"),
    copyrightUrl: r(config.copyright_url, "copyright_url"),
    shortDescription,
    description: r(config.description, "description"),
    tags: config.tags,
    releaseNotes: r(config.release_notes, "release_notes"),
    releaseNotesUrl: r(config.release_notes_url, "release_notes_url"),
    installationNotes: r(config.installation_notes, "installation_notes"),
    dependencies: config.dependencies.map((d) => ({
      packageIdentifier: d.package_identifier,
      minimumVersion: d.minimum_version,
    })),
  };
}
