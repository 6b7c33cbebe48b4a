// The typed artifacts a release records; paths are relative to dist, with posix separators.
import type { Target } from "../go/targets.js";

interface Common {
  /** File name, unique within a release. */
  readonly name: string;
  /** Path relative to dist, posix separators. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** `binary`: a binary released as it is, under the archive name template (GoReleaser's format). */
export type ArchiveFormat = "tar.gz" | "zip" | "tar" | "binary";

export type Artifact =
  | (Common & {
      readonly kind: "binary";
      readonly target: Target;
      /** The plain name the binary has inside archives (`api`, `api.exe`). */
      readonly binary: string;
      readonly packagePath: string;
      /** The id of the build (config `builds[].id`) that made it; archives pick builds by id. */
      readonly build: string;
    })
  | (Common & {
      readonly kind: "archive";
      readonly target: Target;
      readonly format: ArchiveFormat;
      /** Entry paths inside the archive. */
      readonly files: readonly string[];
    })
  | (Common & { readonly kind: "checksum"; readonly target: Target; readonly of: string })
  | (Common & { readonly kind: "checksums"; readonly algorithm: "sha256" | "sha512" })
  | (Common & { readonly kind: "metadata" });

export type ArtifactKind = Artifact["kind"];
export type ArtifactOf<K extends ArtifactKind> = Extract<Artifact, { kind: K }>;
