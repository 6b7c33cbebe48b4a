// Every manifest the config asks for, from the release's assets: what the channels step stages
// in dist and later pushes to each repository. Pure: rendering comes in through the facts.
import { z } from "zod";
import type { ReleasedAsset } from "./assets.js";
import { aurSchema } from "./aur/config.js";
import { writePkgbuild, writeSrcinfo } from "./aur/pkgbuild.js";
import { aurSpec } from "./aur/spec.js";
import type { Repository } from "./config.js";
import { type ChannelFacts, selectAssets, uploadSkipped, withUrls } from "./facts.js";
import { writeCask } from "./homebrew/cask.js";
import { caskSchema, formulaSchema } from "./homebrew/config.js";
import { defaultInstall, writeFormula } from "./homebrew/formula.js";
import { caskSpec, formulaSpec } from "./homebrew/spec.js";
import type { ManifestFormat } from "./references.js";
import { scoopSchema } from "./scoop/config.js";
import { writeScoopManifest } from "./scoop/manifest.js";
import { scoopName, scoopSpec } from "./scoop/spec.js";
import { wingetSchema } from "./winget/config.js";
import { defaultManifestPath, writeWingetManifests } from "./winget/manifests.js";
import { wingetSpec } from "./winget/spec.js";

export const channelsSchema = z.looseObject({
  homebrew_casks: z.array(caskSchema).default([]),
  brews: z.array(formulaSchema).default([]),
  scoops: z.array(scoopSchema).default([]),
  aurs: z.array(aurSchema).default([]),
  winget: z.array(wingetSchema).default([]),
});
type Parsed = z.output<typeof channelsSchema>;
export interface ChannelsConfig {
  readonly homebrew_casks: readonly Parsed["homebrew_casks"][number][];
  readonly brews: readonly Parsed["brews"][number][];
  readonly scoops: readonly Parsed["scoops"][number][];
  readonly aurs: readonly Parsed["aurs"][number][];
  readonly winget: readonly Parsed["winget"][number][];
}

/**
 * Where a manifest goes after dist: a git repository, or nowhere goship can push (winget). It is
 * listed in artifacts.json, so the URL and key stay templates (`{{ .Env.TAP_KEY }}`) until
 * `publish` renders them: a secret never lands in a file.
 */
export interface PushTarget {
  /** Template of what `git clone` gets: repository.git.url, an AUR git_url, or "" (forge API only). */
  readonly url: string;
  /** The config key of `url`, `private_key` is its sibling, for errors. */
  readonly urlKey: string;
  readonly branch: string;
  /** Template of the SSH private key: its text or a file path, "" for none. */
  readonly privateKey: string;
  readonly privateKeyKey: string;
  /** The file's path inside that repository. */
  readonly path: string;
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly repository?: Repository;
}

export interface ChannelFile {
  /** `homebrew/Casks/tool.rb`: where GoReleaser writes it in dist. */
  readonly path: string;
  readonly content: string;
  readonly channel: "homebrew-cask" | "homebrew-formula" | "scoop" | "aur" | "winget";
  /** How `verify` reads its download references back. */
  readonly format: ManifestFormat | "none";
  readonly push?: PushTarget;
  readonly skipUpload: boolean;
}

const join = (...parts: string[]) => parts.filter(Boolean).join("/");

export function generateChannelFiles(
  config: ChannelsConfig,
  facts: ChannelFacts,
  assets: readonly ReleasedAsset[],
  idOf: (asset: ReleasedAsset) => string,
  commitTime: number,
): ChannelFile[] {
  const files: ChannelFile[] = [];
  const message = (template: string, at: string, extra: Record<string, unknown> = {}) =>
    facts.render(template, `${at}.commit_msg_template`, extra);
  const gitPush = (
    repo: Repository,
    at: string,
    path: string,
    msg: string,
    author: PushTarget["author"],
  ): PushTarget => ({
    url: repo.git.url,
    urlKey: `${at}.repository.git.url`,
    branch: facts.render(repo.branch, `${at}.repository.branch`),
    privateKey: repo.git.private_key,
    privateKeyKey: `${at}.repository.git.private_key`,
    path,
    message: msg,
    author,
    repository: repo,
  });
  // A cask only takes 64-bit Intel/ARM and universal assets; GoReleaser never filters their level.
  config.homebrew_casks.forEach((cask, i) => {
    const at = `homebrew_casks[${i}]`;
    const picked = selectAssets(assets, { ids: cask.ids }, idOf).filter(
      (a) =>
        ["darwin", "linux"].includes(a.goos) &&
        ["amd64", "arm64", "all"].includes(a.goarch) &&
        a.format !== "gz",
    );
    const spec = caskSpec(cask, at, facts, picked);
    const name = `${spec.name}.rb`;
    const path = join(cask.directory || "Casks", name);
    files.push({
      path: join("homebrew", path),
      content: writeCask(spec, withUrls(picked, cask.url.template, `${at}.url.template`, facts)),
      channel: "homebrew-cask",
      format: "ruby",
      push: gitPush(cask.repository, at, path, message(cask.commit_msg_template, at), cask.commit_author),
      skipUpload: uploadSkipped(cask.skip_upload, facts),
    });
  });
  config.brews.forEach((brew, i) => {
    const at = `brews[${i}]`;
    const picked = selectAssets(
      assets,
      { ids: brew.ids, goamd64: brew.goamd64, goarm: brew.goarm },
      idOf,
    ).filter(
      (a) =>
        ["darwin", "linux"].includes(a.goos) &&
        ["amd64", "arm64", "arm", "all"].includes(a.goarch) &&
        a.format !== "gz",
    );
    const spec = formulaSpec(brew, at, facts);
    const packages = withUrls(picked, brew.url_template, `${at}.url_template`, facts).map((asset) => ({
      asset,
      install: defaultInstall(
        asset,
        facts.render(brew.install, `${at}.install`),
        facts.render(brew.extra_install, `${at}.extra_install`),
      ),
    }));
    const path = join(brew.directory, `${spec.name}.rb`);
    files.push({
      path: join("homebrew", path),
      content: writeFormula(spec, packages),
      channel: "homebrew-formula",
      format: "ruby",
      push: gitPush(brew.repository, at, path, message(brew.commit_msg_template, at), brew.commit_author),
      skipUpload: uploadSkipped(brew.skip_upload, facts),
    });
  });
  config.scoops.forEach((scoop, i) => {
    const at = `scoops[${i}]`;
    const picked = selectAssets(assets, { ids: scoop.ids, goamd64: scoop.goamd64 }, idOf).filter(
      (a) => a.type === "archive",
    );
    const path = join(scoop.directory, `${scoopName(scoop, at, facts)}.json`);
    files.push({
      path: join("scoop", path),
      content: writeScoopManifest(
        scoopSpec(scoop, at, facts),
        withUrls(picked, scoop.url_template, `${at}.url_template`, facts),
      ),
      channel: "scoop",
      format: "scoop",
      push: gitPush(scoop.repository, at, path, message(scoop.commit_msg_template, at), scoop.commit_author),
      skipUpload: uploadSkipped(scoop.skip_upload, facts),
    });
  });
  config.aurs.forEach((aur, i) => {
    const at = `aurs[${i}]`;
    if (facts.render(aur.disable, `${at}.disable`).trim() === "true") return;
    const picked = withUrls(
      selectAssets(assets, { ids: aur.ids, goamd64: aur.goamd64 }, idOf),
      aur.url_template,
      `${at}.url_template`,
      facts,
    );
    const spec = aurSpec(aur, at, facts);
    const dir = facts.render(aur.directory, `${at}.directory`).replace(/^\.$/, "");
    const push = (path: string): PushTarget => ({
      url: aur.git_url,
      urlKey: `${at}.git_url`,
      branch: "master",
      privateKey: aur.private_key,
      privateKeyKey: `${at}.private_key`,
      path,
      message: message(aur.commit_msg_template, at),
      author: aur.commit_author,
    });
    const skipUpload = uploadSkipped(aur.skip_upload, facts);
    files.push(
      {
        path: `aur/${spec.name}.pkgbuild`,
        content: writePkgbuild(spec, picked),
        channel: "aur",
        format: "pkgbuild",
        push: push(join(dir, "PKGBUILD")),
        skipUpload,
      },
      {
        path: `aur/${spec.name}.srcinfo`,
        content: writeSrcinfo(spec, picked),
        channel: "aur",
        format: "srcinfo",
        push: push(join(dir, ".SRCINFO")),
        skipUpload,
      },
    );
  });
  config.winget.forEach((winget, i) => {
    const at = `winget[${i}]`;
    const picked = withUrls(
      selectAssets(assets, { ids: winget.ids, goamd64: winget.goamd64 }, idOf),
      winget.url_template,
      `${at}.url_template`,
      facts,
    );
    const spec = wingetSpec(winget, at, facts, commitTime);
    const dir =
      facts.render(winget.path, `${at}.path`) || defaultManifestPath(spec.packageIdentifier, facts.version);
    for (const file of writeWingetManifests(spec, picked)) {
      files.push({
        path: join("winget", dir, file.name),
        content: file.content,
        channel: "winget",
        format: file.name.endsWith(".installer.yaml") ? "winget-installer" : "none",
        skipUpload: true,
      });
    }
  });
  return files;
}
