// GoReleaser's `info` of archived files (`archives[].files[].info`, `archives[].builds_info`,
// `source.files[].info`): rendered templates become the per-entry header fields of the writers.
import type { ResolvedFileInfo } from "../config/archives.js";
import { FileInfoError } from "./errors.js";
import type { ArchiveEntry } from "./formats/entry.js";

/** The header fields an `info` sets; what it leaves out keeps goship's defaults (root, the release time). */
export type EntryInfo = Pick<ArchiveEntry, "owner" | "group" | "mtime"> & { readonly mode?: number };

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Unix seconds of an RFC 3339 time, as Go's time.Parse(time.RFC3339Nano) reads it; fractions of a
 * second are dropped, as tar and zip headers store whole seconds. Undefined when it is not one.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = rfc3339.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  const offset = m[8] ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  return utc - offset;
}

/**
 * The entry fields of an `info` whose templates were rendered by `render`. `where` names the key in
 * errors ("archives[0].builds_info"). A mode of 0 and empty strings leave the defaults.
 */
export function entryInfoOf(
  info: ResolvedFileInfo,
  where: string,
  render: (template: string, key: string) => string,
): EntryInfo {
  const owner = info.owner ? render(info.owner, `${where}.owner`) : "";
  const group = info.group ? render(info.group, `${where}.group`) : "";
  const mtimeText = info.mtime ? render(info.mtime, `${where}.mtime`).trim() : "";
  let mtime: number | undefined;
  if (mtimeText) {
    mtime = parseRfc3339(mtimeText);
    if (mtime === undefined || mtime < 0)
      throw new FileInfoError(
        `${where}.mtime must render to an RFC 3339 time after 1970, got "${mtimeText}"; use e.g. "{{ .CommitDate }}"`,
      );
  }
  return {
    ...(owner ? { owner } : {}),
    ...(group ? { group } : {}),
    ...(mtime !== undefined ? { mtime } : {}),
    ...(info.mode ? { mode: info.mode & 0o7777 } : {}),
  };
}
