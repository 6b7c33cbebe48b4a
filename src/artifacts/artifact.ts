// The typed artifacts a release records; paths are relative to dist, with posix separators.
// Kinds are open: a format declares its own kind from its folder by augmenting `ArtifactKinds`:
//   declare module "../artifacts/artifact.js" {
//     interface ArtifactKinds { "linux-package": { readonly target: Target; readonly format: "deb" } }
//   }
import type { Target } from "../go/targets.js";

/** What made an artifact, recorded when it was made so later steps read facts instead of recomputing them. */
export interface ProducedBy {
  /** The step that made it ("building binaries"). */
  readonly step: string;
  /** The id of the config entry that made it (`builds[].id`, `archives[].id`, …). */
  readonly id?: string;
  /** The command that ran, when one did: the exact argv, without the output path's temp directory. */
  readonly argv?: readonly string[];
  /** The variables that command ran with, beyond the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** The artifacts it was made from, by name, with their digests. */
  readonly inputs?: ReadonlyArray<{ readonly name: string; readonly sha256: string }>;
  /** Anything else a later step needs to know (stamps of a binary, entries of an archive). */
  readonly [fact: string]: unknown;
}

export interface Common {
  /** File name, unique within a release. */
  readonly name: string;
  /** Path relative to dist, posix separators. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** Kept in memory for later steps (metadata, provenance); not written to artifacts.json. */
  readonly producedBy?: ProducedBy;
}

/**
 * A file outside the release listed in a checksum file (checksum.extra_files), with the digest it
 * had when the release was made: verify checks those lines against it.
 */
export interface ExtraFileDigest {
  readonly name: string;
  readonly digest: string;
}

/** `binary`: a binary released as it is, under the archive name template (GoReleaser's format). */
export type ArchiveFormat = "tar.gz" | "zip" | "tar" | "binary";

/** The fields of each kind beyond `Common`; formats add their kinds by module augmentation. */
export interface ArtifactKinds {
  binary: {
    readonly target: Target;
    /** The plain name the binary has inside archives (`api`, `api.exe`). */
    readonly binary: string;
    readonly packagePath: string;
    /** The id of the build (config `builds[].id`) that made it; archives pick builds by id. */
    readonly build: string;
    /** Release stamps (metadata.json's) the linker dropped here: this program never reads them. */
    readonly unlandedStamps?: readonly string[];
  };
  archive: {
    readonly target: Target;
    readonly format: ArchiveFormat;
    /** Entry paths inside the archive. */
    readonly files: readonly string[];
  };
  // `target` is absent for artifacts of no single target (source archives, extra files).
  checksum: {
    readonly target?: Target;
    readonly of: string;
    readonly extraFiles?: readonly ExtraFileDigest[];
  };
  checksums: { readonly algorithm: "sha256" | "sha512"; readonly extraFiles?: readonly ExtraFileDigest[] };
  metadata: Record<never, never>;
}

export type ArtifactKind = keyof ArtifactKinds;

export type Artifact = {
  [K in ArtifactKind]: Common & { readonly kind: K } & ArtifactKinds[K];
}[ArtifactKind];

export type ArtifactOf<K extends ArtifactKind> = Extract<Artifact, { readonly kind: K }>;
