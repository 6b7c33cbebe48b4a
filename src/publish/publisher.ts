// What a publisher is: one destination of a finished, verified dist (a forge release today;
// images, npm and package-manager manifests later), selecting what it sends by artifact traits.
import type { Logger } from "../log/logger.js";
import type { ResolvedPublishing } from "./config.js";
import type { DistArtifact, PublishableDist } from "./dist.js";
import type { HttpSettings } from "./http.js";
import type { Secrets } from "./secrets.js";

export interface PublishContext {
  readonly dist: PublishableDist;
  readonly config: ResolvedPublishing;
  /** The release tag (`v1.2.3`) and the commit it names. */
  readonly tag: string;
  readonly commit: string;
  /** Release notes: --release-notes, else dist/CHANGELOG.md, else "". */
  readonly notes: string;
  /** Artifacts whose kind is uploaded as a release asset. */
  readonly uploadable: readonly DistArtifact[];
  /** Renders a config template with the release's fields (plus `extra`); `key` names it in errors. */
  render(source: string, key: string, extra?: Readonly<Record<string, unknown>>): string;
  readonly env: NodeJS.ProcessEnv;
  /** Masks every secret it was given. */
  readonly log: Logger;
  readonly secrets: Secrets;
  readonly dryRun: boolean;
  readonly parallelism: number;
  readonly http: HttpSettings;
  /** GitHub's spacing of writes; tests against a local server use 0. */
  readonly writeSpacingMs: number;
  /** owner/name from the origin remote, for a release section that names none. */
  readonly remoteRepo: { readonly owner: string; readonly name: string } | undefined;
  /** Where the module is: extra_files globs are relative to it. */
  readonly moduleDir: string;
}

export interface Publisher {
  /** Present-tense phrase for logs: "publishing the GitHub release". */
  readonly name: string;
  /** A reason to skip, or undefined. */
  skip?(pctx: PublishContext): string | undefined;
  /** Idempotent: a re-run after a failure finishes the job, a re-run after success changes nothing. */
  publish(pctx: PublishContext): Promise<void>;
}

/** GoReleaser's boolean templates: "true" (any case) after rendering means yes. */
export function isTrue(pctx: PublishContext, source: string, key: string): boolean {
  if (source === "") return false;
  return pctx.render(source, key).trim().toLowerCase() === "true";
}
