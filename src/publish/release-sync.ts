// One algorithm for every forge: find or create the release for the tag, upload what is missing,
// then publish it. Idempotent: a re-run after any failure uploads only what is not there yet, and a
// run over a complete release changes nothing.
import { mergeReleaseNotes, type ReleaseNotesMode } from "../changelog/notes.js";
import type { Logger } from "../log/logger.js";
import { runBounded } from "../pipeline/targets.js";
import { AssetMismatchError, ConflictingAssetError } from "./errors.js";

export interface ForgeRelease {
  readonly id: string;
  readonly tag: string;
  readonly name: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  /** Where a person sees it. */
  readonly url: string;
}

export interface ForgeAsset {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  /** sha256 hex, when the forge computes one. */
  readonly sha256: string | undefined;
  /** False for an upload the forge never finished (GitHub's `starter` state): safe to delete. */
  readonly complete: boolean;
}

/** A file to upload, read from dist (its digest was checked against artifacts.json). */
export interface UploadFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ReleaseSpec {
  readonly tag: string;
  readonly name: string;
  readonly body: string;
  readonly prerelease: boolean;
  readonly targetCommitish: string;
}

export interface ReleaseClient {
  /** "GitHub", "Gitea", "GitLab": for messages. */
  readonly forge: string;
  /** Whether releases can be drafts, so assets upload before anyone sees the release. */
  readonly drafts: boolean;
  /** The release for the tag, published or draft. */
  findRelease(tag: string): Promise<ForgeRelease | undefined>;
  createRelease(spec: ReleaseSpec, draft: boolean): Promise<ForgeRelease>;
  updateRelease(release: ForgeRelease, spec: ReleaseSpec): Promise<ForgeRelease>;
  deleteRelease(release: ForgeRelease): Promise<void>;
  listAssets(release: ForgeRelease): Promise<ForgeAsset[]>;
  /** Uploads one file; `undefined` when the forge answered that the name is taken. */
  uploadAsset(release: ForgeRelease, file: UploadFile): Promise<ForgeAsset | undefined>;
  deleteAsset(release: ForgeRelease, asset: ForgeAsset): Promise<void>;
  /** Makes a draft public (with make_latest, discussion category where the forge has them). */
  publishRelease(release: ForgeRelease): Promise<ForgeRelease>;
}

export interface SyncOptions {
  readonly spec: ReleaseSpec;
  readonly files: readonly UploadFile[];
  readonly draft: boolean;
  readonly replaceExistingDraft: boolean;
  readonly mode: ReleaseNotesMode;
  readonly skipUpload: boolean;
  readonly replaceExistingArtifacts: boolean;
  readonly parallelism: number;
  readonly log: Logger;
}

export interface SyncResult {
  readonly url: string;
  readonly created: boolean;
  readonly updated: boolean;
  readonly uploaded: readonly string[];
  readonly unchanged: readonly string[];
  readonly replaced: readonly string[];
  readonly published: boolean;
}

export async function syncRelease(client: ReleaseClient, options: SyncOptions): Promise<SyncResult> {
  const { spec, log } = options;
  let release = await client.findRelease(spec.tag);
  if (release?.draft && options.draft && options.replaceExistingDraft) {
    log.info("deleting the existing draft", { release: release.url });
    await client.deleteRelease(release);
    release = undefined;
  }
  let created = false;
  let updated = false;
  if (release === undefined) {
    // A draft first, so nobody downloads a release whose assets are still uploading.
    release = await client.createRelease(spec, client.drafts || options.draft);
    created = true;
    log.info("created the release", { tag: spec.tag, url: release.url });
  } else {
    const wanted = { ...spec, body: mergeReleaseNotes(release.body, spec.body, options.mode) };
    if (
      wanted.name !== release.name ||
      wanted.body !== release.body ||
      wanted.prerelease !== release.prerelease
    ) {
      release = await client.updateRelease(release, wanted);
      updated = true;
      log.info("updated the release", { tag: spec.tag, url: release.url });
    } else {
      log.info("the release is already there", { tag: spec.tag, url: release.url });
    }
  }
  const outcome = options.skipUpload
    ? { uploaded: [], unchanged: [], replaced: [] }
    : await uploadMissing(client, release, options);
  let published = false;
  if (release.draft && !options.draft) {
    release = await client.publishRelease(release);
    published = true;
    log.info("published the release", { url: release.url });
  }
  return { url: release.url, created, updated, ...outcome, published };
}

type Decision = "upload" | "unchanged" | "replace" | "conflict";

function decide(file: UploadFile, asset: ForgeAsset | undefined, replace: boolean): Decision {
  if (asset === undefined) return "upload";
  if (!asset.complete) return "replace";
  if (sameBytes(file, asset)) return "unchanged";
  return replace ? "replace" : "conflict";
}

function sameBytes(file: UploadFile, asset: ForgeAsset): boolean {
  return asset.size === file.size && (asset.sha256 === undefined || asset.sha256 === file.sha256);
}

async function uploadMissing(client: ReleaseClient, release: ForgeRelease, options: SyncOptions) {
  const existing = new Map((await client.listAssets(release)).map((a) => [a.name, a]));
  const plan = options.files.map((file) => ({
    file,
    asset: existing.get(file.name),
    decision: decide(file, existing.get(file.name), options.replaceExistingArtifacts),
  }));
  const conflicts = plan.filter((p) => p.decision === "conflict").map((p) => p.file.name);
  // Checked before any upload, so a conflict leaves the release as it was.
  if (conflicts.length > 0) throw new ConflictingAssetError(client.forge, conflicts, release.url);
  const uploaded: string[] = [];
  const replaced: string[] = [];
  await runBounded(
    plan.filter((p) => p.decision !== "unchanged"),
    options.parallelism,
    async ({ file, asset, decision }) => {
      if (decision === "replace" && asset) await client.deleteAsset(release, asset);
      await uploadChecked(client, release, file);
      (decision === "replace" ? replaced : uploaded).push(file.name);
      options.log.info(decision === "replace" ? "replaced" : "uploaded", {
        name: file.name,
        size: file.size,
      });
    },
  );
  const unchanged = plan.filter((p) => p.decision === "unchanged").map((p) => p.file.name);
  return { uploaded: uploaded.sort(), unchanged, replaced: replaced.sort() };
}

async function uploadChecked(client: ReleaseClient, release: ForgeRelease, file: UploadFile): Promise<void> {
  let asset = await client.uploadAsset(release, file);
  if (asset === undefined) {
    // The name is taken: usually an earlier attempt whose answer was lost after the upload landed.
    asset = (await client.listAssets(release)).find((a) => a.name === file.name);
    if (asset === undefined || !asset.complete || !sameBytes(file, asset)) {
      if (asset !== undefined) await client.deleteAsset(release, asset);
      asset = await client.uploadAsset(release, file);
    }
  }
  if (asset === undefined) throw new AssetMismatchError(client.forge, file.name, "an uploaded asset", "none");
  if (asset.size !== file.size)
    throw new AssetMismatchError(client.forge, file.name, `${file.size} bytes`, `${asset.size} bytes`);
  if (asset.sha256 !== undefined && asset.sha256 !== file.sha256)
    throw new AssetMismatchError(client.forge, file.name, `sha256 ${file.sha256}`, `sha256 ${asset.sha256}`);
}
