// `contents` entries → the package's files: sources read from the module, globs expanded as nfpm
// does, modes normalised so the checkout's umask never reaches the package.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { globFiles, hasMatchers, staticPrefix } from "../archive/glob.js";
import { NfpmContentError } from "./errors.js";
import type { ContentType, PackageFile } from "./info.js";
import type { NfpmContent } from "./schema.js";

export interface ContentsInput {
  readonly moduleDir: string;
  readonly contents: readonly NfpmContent[];
  readonly format: string;
  readonly umask: number;
  /** Default mtime: the commit time, or the entry's `mtime`. */
  readonly mtime: number;
  /** Renders a template (src, dst, owner, group, mtime, and `expand`ed files). */
  readonly render: (source: string, key: string) => string;
  readonly keyPrefix: string;
}

/** The mode a checked-out file gets: git records only "executable or not", so only that counts. */
function diskMode(mode: number, umask: number): number {
  return (mode & 0o111 ? 0o755 : 0o644) & ~umask;
}

function parseTime(text: string, key: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new NfpmContentError(`${key} ${JSON.stringify(text)} is not an RFC 3339 time`);
  return Math.floor(ms / 1000);
}

export function normalizeDestination(dst: string): string {
  return path.posix.normalize(`/${dst}`).replace(/\/+$/, "") || "/";
}

/** Resolves every entry for one format; entries for another `packager` are left out. */
export async function resolveContents(input: ContentsInput): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  for (const [index, entry] of input.contents.entries()) {
    if (entry.packager && entry.packager !== input.format) continue;
    const key = `${input.keyPrefix}contents[${index}]`;
    const src = input.render(entry.src ?? "", `${key}.src`);
    const dstRaw = input.render(entry.dst ?? "", `${key}.dst`);
    if (!dstRaw) throw new NfpmContentError(`${key}.dst is empty; say where the entry goes in the package`);
    const dst = normalizeDestination(dstRaw);
    const info = entry.file_info ?? {};
    const owner = input.render(info.owner ?? "", `${key}.file_info.owner`) || "root";
    const group = input.render(info.group ?? "", `${key}.file_info.group`) || "root";
    const mtimeText = input.render(info.mtime ?? "", `${key}.file_info.mtime`);
    const mtime = mtimeText ? parseTime(mtimeText, `${key}.file_info.mtime`) : input.mtime;
    const base = { owner, group, mtime };
    const type = (entry.type || "file") as ContentType | "tree";
    if (type === "dir") {
      files.push({ ...base, dst, type: "dir", mode: info.mode ?? 0o755 });
    } else if (type === "symlink") {
      files.push({ ...base, dst, type: "symlink", mode: 0o777, linkTarget: src });
    } else if (type === "ghost") {
      files.push({ ...base, dst, type: "ghost", mode: info.mode ?? 0o644 });
    } else {
      const fileType: ContentType = type === "tree" ? "file" : type;
      for (const [rel, target] of await expand(input.moduleDir, src, dst, key, type === "tree")) {
        const sourcePath = path.join(input.moduleDir, rel);
        const [bytes, stats] = await Promise.all([readFile(sourcePath), stat(sourcePath)]);
        const data = entry.expand ? Buffer.from(input.render(bytes.toString("utf8"), `${key}.src`)) : bytes;
        files.push({
          ...base,
          dst: target,
          type: fileType,
          mode: info.mode ?? diskMode(stats.mode, input.umask),
          data,
        });
      }
    }
  }
  return files;
}

/** Source files and where each goes: one file to `dst`, or each match of a glob/tree under `dst`. */
async function expand(
  root: string,
  src: string,
  dst: string,
  key: string,
  tree: boolean,
): Promise<[string, string][]> {
  if (!src) throw new NfpmContentError(`${key}.src is empty; name the file to install`);
  const info = hasMatchers(src) ? undefined : await stat(path.join(root, src)).catch(() => undefined);
  if (!hasMatchers(src) && !info) {
    throw new NfpmContentError(
      `${key}.src ${JSON.stringify(src)} does not exist in the module; fix the path`,
    );
  }
  if (info?.isFile()) return [[src, dst]];
  if (info?.isDirectory() && !tree) {
    throw new NfpmContentError(
      `${key}.src ${JSON.stringify(src)} is a directory; use type: tree to install it whole`,
    );
  }
  const matches = await globFiles(root, src);
  if (matches.length === 0) throw new NfpmContentError(`${key}.src ${JSON.stringify(src)} matches no file`);
  const prefix = info?.isDirectory() ? path.posix.normalize(src.replace(/^\.\//, "")) : staticPrefix(src);
  if (matches.length === 1 && !tree && !info?.isDirectory()) return [[matches[0]!, dst]];
  return matches.map((rel) => [rel, normalizeDestination(`${dst}/${path.posix.relative(prefix, rel)}`)]);
}
