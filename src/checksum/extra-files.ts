// GoReleaser's checksum.extra_files (internal/extrafiles): files outside the release, listed in the
// checksum files by a name of their own.
import path from "node:path";
import { GlobError, globFiles } from "../archive/glob.js";
import { ExtraFilesError } from "./errors.js";

/** One entry with its templates rendered. */
export interface ExtraFileSpec {
  readonly glob: string;
  /** "" keeps each file's base name. */
  readonly name: string;
}

export interface ExtraFile {
  /** Its name in the checksum files. */
  readonly name: string;
  /** Slash-separated path relative to the module root. */
  readonly source: string;
}

/**
 * The files the entries name, as GoReleaser finds them: a glob without wildcards that names nothing
 * is an error, a wildcard glob that matches nothing adds nothing, a name for several files is an
 * error, and a later file of the same name replaces an earlier one (with a warning). Sorted by name.
 */
export async function findExtraFiles(
  root: string,
  specs: readonly ExtraFileSpec[],
  warn: (message: string, fields: Record<string, string>) => void,
): Promise<ExtraFile[]> {
  const byName = new Map<string, string>();
  for (const [i, spec] of specs.entries()) {
    const where = `checksum.extra_files[${i}]`;
    if (spec.glob.trim() === "") {
      warn("ignoring empty glob", { key: `${where}.glob` });
      continue;
    }
    let files: string[];
    try {
      files = await globFiles(root, spec.glob);
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      throw new ExtraFilesError(
        `${where}.glob "${spec.glob}": ${error.message}; list files that exist (relative to the module root) or remove the entry`,
      );
    }
    if (files.length > 1 && spec.name !== "") {
      throw new ExtraFilesError(
        `${where}: "${spec.glob}" matches ${files.length} files but name_template gives them one name "${spec.name}"; narrow the glob or drop name_template`,
      );
    }
    for (const file of files) {
      const name = spec.name || path.posix.basename(file);
      const earlier = byName.get(name);
      if (earlier !== undefined)
        warn("extra file replaces an earlier one of the same name", { name, earlier, file });
      byName.set(name, file);
    }
  }
  return [...byName]
    .map(([name, source]) => ({ name, source }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
