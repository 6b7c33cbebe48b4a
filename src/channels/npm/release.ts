// One `npms` entry of the config → the packed tarballs of a release, ready to stage under
// dist/npm/, and back from dist to what `publish` sends.
import { ChannelConfigError } from "../errors.js";
import type { ChannelFacts } from "../facts.js";
import { type NpmConfig, provenanceWanted } from "./config.js";
import { buildNpmPackages, defaultDistTag, type NpmBinary, npmVersion } from "./packages.js";
import type { NpmPublishOptions, NpmPublishTarball } from "./publish.js";
import { type NpmTarball, packNpmPackage } from "./tarball.js";

export interface PackedNpmPackage extends NpmTarball {
  readonly name: string;
  readonly version: string;
  readonly role: "main" | "platform";
  /** `npm/<file>.tgz`, the path in dist. */
  readonly path: string;
}

/** Packs every package of one `npms` entry from the release's binaries (those of `ids` when set). */
export async function packNpmRelease(
  config: NpmConfig,
  at: string,
  facts: ChannelFacts,
  binaries: readonly (NpmBinary & { readonly build: string })[],
): Promise<PackedNpmPackage[]> {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  const chosen = binaries.filter((b) => config.ids.length === 0 || config.ids.includes(b.build));
  if (chosen.length === 0) {
    throw new ChannelConfigError(`${at}.ids names no build of this release: use the ids of \`builds\``);
  }
  const version = npmVersion(facts.tag || facts.version);
  const info = {
    name: config.name,
    version,
    description: r(config.description, "description"),
    homepage: r(config.homepage, "homepage"),
    keywords: config.keywords,
    license: r(config.license, "license"),
    author: r(config.author, "author"),
    repository: r(config.repository, "repository"),
    bugs: r(config.bugs, "bugs"),
  };
  const packed: PackedNpmPackage[] = [];
  for (const pkg of buildNpmPackages(info, chosen)) {
    const tarball = await packNpmPackage(pkg);
    packed.push({ ...tarball, name: pkg.name, version, role: pkg.role, path: `npm/${tarball.fileName}` });
  }
  return packed;
}

/** How `publish` sends one `npms` entry: its dist-tag, access and provenance. */
export function npmPublishSettings(
  config: NpmConfig,
  at: string,
  facts: ChannelFacts,
  env: NodeJS.ProcessEnv,
): Pick<NpmPublishOptions, "registry" | "tag" | "access" | "provenance"> {
  const version = npmVersion(facts.tag || facts.version);
  return {
    registry: facts.render(config.registry, `${at}.registry`),
    tag: facts.render(config.tag, `${at}.tag`) || defaultDistTag(version),
    access: config.access,
    provenance: provenanceWanted(config.provenance, env),
  };
}

/** The publish inputs of packed packages whose files lie under `distDir`. */
export function publishTarballs(packed: readonly PackedNpmPackage[], distDir: string): NpmPublishTarball[] {
  return packed.map((p) => ({
    name: p.name,
    version: p.version,
    file: `${distDir}/${p.path}`,
    integrity: p.integrity,
    role: p.role,
  }));
}
