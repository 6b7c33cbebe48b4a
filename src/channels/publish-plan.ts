// What `publish` does with the install channels a release wrote, read from artifacts.json: which
// manifests go to which repository in one commit, which npm packages go together, and what is
// skipped and why. Pure, so the plan is unit-tested apart from git and npm.
import type { ArtifactRecord } from "../artifacts/kinds.js";
import type { PushTarget } from "./generate.js";

export interface ManifestPush {
  /** The push target of the group's first manifest (every manifest of a group shares it). */
  readonly target: PushTarget;
  /** Each file's path in the repository and in dist. */
  readonly files: ReadonlyArray<{ readonly repoPath: string; readonly distPath: string }>;
  readonly channel: string;
}

export interface Skipped {
  readonly name: string;
  readonly reason: string;
}

/**
 * One commit per repository, branch and message: the two AUR files land together, each Homebrew
 * or Scoop manifest in a commit of its own, as GoReleaser makes them.
 */
export function planManifestPushes(records: readonly ArtifactRecord[]): {
  pushes: ManifestPush[];
  skipped: Skipped[];
} {
  const groups = new Map<
    string,
    { target: PushTarget; channel: string; files: ManifestPush["files"][number][] }
  >();
  const skipped: Skipped[] = [];
  for (const record of records) {
    const target = record.push as PushTarget | undefined;
    if (!target) {
      skipped.push({
        name: record.name,
        reason:
          record.channel === "winget"
            ? "winget manifests reach microsoft/winget-pkgs only through a pull request there; submit the files in dist"
            : "it has no repository to go to",
      });
      continue;
    }
    if (record.skipUpload === true) {
      skipped.push({ name: record.name, reason: "skip_upload" });
      continue;
    }
    const key = JSON.stringify([target.url, target.branch, target.message, target.author, target.privateKey]);
    const group = groups.get(key) ?? { target, channel: String(record.channel), files: [] };
    group.files.push({ repoPath: target.path, distPath: record.path });
    groups.set(key, group);
  }
  return { pushes: [...groups.values()], skipped };
}

export interface NpmPublishGroup {
  readonly registry: string;
  readonly distTag: string;
  readonly access: "" | "public" | "restricted";
  readonly provenance: boolean | "auto";
  readonly packages: ReadonlyArray<{
    readonly name: string;
    readonly version: string;
    readonly distPath: string;
    readonly integrity: string;
    readonly role: "main" | "platform";
  }>;
}

/** The npm packages of each `npms` entry, with how they are sent; entries with skip_upload are skipped. */
export function planNpmPublishes(records: readonly ArtifactRecord[]): {
  groups: NpmPublishGroup[];
  skipped: Skipped[];
} {
  const groups = new Map<number, NpmPublishGroup & { packages: NpmPublishGroup["packages"][number][] }>();
  const skipped: Skipped[] = [];
  for (const record of records) {
    if (record.skipUpload === true) {
      skipped.push({ name: record.name, reason: "skip_upload" });
      continue;
    }
    const entry = Number(record.entry ?? 0);
    const group = groups.get(entry) ?? {
      registry: String(record.registry ?? ""),
      distTag: String(record.distTag ?? "latest"),
      access: (record.access ?? "") as NpmPublishGroup["access"],
      provenance: (record.provenance ?? "auto") as NpmPublishGroup["provenance"],
      packages: [],
    };
    group.packages.push({
      name: String(record.packageName),
      version: String(record.version),
      distPath: record.path,
      integrity: String(record.integrity),
      role: record.role === "main" ? "main" : "platform",
    });
    groups.set(entry, group);
  }
  return { groups: [...groups.values()], skipped };
}
