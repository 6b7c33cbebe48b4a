// Checksums as the pipeline sees them, and goship's defaults: one checksums.txt and a
// `<archive>.sha256` beside each archive, both in sha256sum format.

import type { ChecksumAlgorithm } from "../artifacts/digest.js";
import type { UserChecksum } from "./schema.js";

export interface ResolvedChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Name template of the file listing every archive; undefined: none. */
  readonly combined: string | undefined;
  /** Name template of each archive's own file; undefined: none. */
  readonly split: string | undefined;
  /** `line`: "<hex>  <name>\n" as sha256sum writes it; `digest`: the hex alone (GoReleaser's split files). */
  readonly splitContent: "line" | "digest";
  /** Ids of the archive configs whose artifacts are checksummed; undefined: all. */
  readonly ids: readonly string[] | undefined;
  /** Files outside the release listed too (GoReleaser's `extra_files`): a glob and a name, templates. */
  readonly extraFiles: ReadonlyArray<{ readonly glob: string; readonly nameTemplate: string }>;
}

export const defaultSplitName = "{{ .ArtifactName }}.{{ .Algorithm }}";

export function withChecksumDefaults(user: UserChecksum = {}): ResolvedChecksum {
  const disabled = user.disable === true;
  return {
    algorithm: user.algorithm ?? "sha256",
    combined: disabled || user.combined === false ? undefined : (user.name_template ?? "checksums.txt"),
    split: disabled || user.split === false ? undefined : (user.split_name_template ?? defaultSplitName),
    splitContent: "line",
    ids: undefined,
    extraFiles: (user.extra_files ?? []).map((f) => ({ glob: f.glob, nameTemplate: f.name_template ?? "" })),
  };
}
