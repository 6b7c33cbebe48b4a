// The GoReleaser sections goship reads but does not implement, each checked against its keys.
import type { KeyTree } from "../key-tree.js";
import { announceKeys } from "./announce.js";
import { artifactoriesKeys } from "./artifactories.js";
import { aurSourcesKeys } from "./aur-sources.js";
import { aursKeys } from "./aurs.js";
import { binarySignsKeys } from "./binary-signs.js";
import { blobsKeys } from "./blobs.js";
import { brewsKeys } from "./brews.js";
import { changelogKeys } from "./changelog.js";
import { chocolateysKeys } from "./chocolateys.js";
import { dockerDigestKeys } from "./docker-digest.js";
import { dockerManifestsKeys } from "./docker-manifests.js";
import { dockerSignsKeys } from "./docker-signs.js";
import { dockersKeys } from "./dockers.js";
import { dockersV2Keys } from "./dockers-v2.js";
import { envFilesKeys } from "./env-files.js";
import { flatpakKeys } from "./flatpak.js";
import { forceTokenKeys } from "./force-token.js";
import { gitKeys } from "./git.js";
import { giteaUrlsKeys } from "./gitea-urls.js";
import { githubUrlsKeys } from "./github-urls.js";
import { gitlabUrlsKeys } from "./gitlab-urls.js";
import { gomodKeys } from "./gomod.js";
import { homebrewCasksKeys } from "./homebrew-casks.js";
import { kosKeys } from "./kos.js";
import { krewsKeys } from "./krews.js";
import { makeselfsKeys } from "./makeselfs.js";
import { mcpKeys } from "./mcp.js";
import { metadataKeys } from "./metadata.js";
import { milestonesKeys } from "./milestones.js";
import { nfpmsKeys } from "./nfpms.js";
import { nixKeys } from "./nix.js";
import { notarizeKeys } from "./notarize.js";
import { publishersKeys } from "./publishers.js";
import { releaseKeys } from "./release.js";
import { sbomsKeys } from "./sboms.js";
import { scoopsKeys } from "./scoops.js";
import { signsKeys } from "./signs.js";
import { snapcraftsKeys } from "./snapcrafts.js";
import { sourceKeys } from "./source.js";
import { srpmKeys } from "./srpm.js";
import { universalBinariesKeys } from "./universal-binaries.js";
import { uploadsKeys } from "./uploads.js";
import { upxKeys } from "./upx.js";
import { wingetKeys } from "./winget.js";

export const unimplementedSections: Readonly<Record<string, KeyTree>> = {
  release: releaseKeys,
  milestones: milestonesKeys,
  homebrew_casks: homebrewCasksKeys,
  nix: nixKeys,
  winget: wingetKeys,
  aurs: aursKeys,
  aur_sources: aurSourcesKeys,
  krews: krewsKeys,
  kos: kosKeys,
  scoops: scoopsKeys,
  nfpms: nfpmsKeys,
  srpm: srpmKeys,
  snapcrafts: snapcraftsKeys,
  flatpak: flatpakKeys,
  dockers_v2: dockersV2Keys,
  docker_digest: dockerDigestKeys,
  artifactories: artifactoriesKeys,
  uploads: uploadsKeys,
  blobs: blobsKeys,
  publishers: publishersKeys,
  changelog: changelogKeys,
  signs: signsKeys,
  notarize: notarizeKeys,
  docker_signs: dockerSignsKeys,
  binary_signs: binarySignsKeys,
  env_files: envFilesKeys,
  source: sourceKeys,
  gomod: gomodKeys,
  announce: announceKeys,
  sboms: sbomsKeys,
  chocolateys: chocolateysKeys,
  git: gitKeys,
  metadata: metadataKeys,
  makeselfs: makeselfsKeys,
  universal_binaries: universalBinariesKeys,
  upx: upxKeys,
  mcp: mcpKeys,
  force_token: forceTokenKeys,
  github_urls: githubUrlsKeys,
  gitlab_urls: gitlabUrlsKeys,
  gitea_urls: giteaUrlsKeys,
  brews: brewsKeys,
  dockers: dockersKeys,
  docker_manifests: dockerManifestsKeys,
};
