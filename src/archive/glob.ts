// GoReleaser's archive file globs (goreleaser/fileglob over gobwas/glob): `*` and `?` stay within a
// folder, `**` crosses folders, `[a-z]`, `{a,b}`; a matched folder stands for every file inside it.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export class GlobError extends Error {}

const META = /[*?[\]{}]/;

export function hasMatchers(pattern: string): boolean {
  return META.test(pattern);
}

/** The pattern as a RegExp over slash-separated paths. */
export function globRegExp(pattern: string): RegExp {
  let out = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      out += escapeChar(pattern[++i]!);
    } else if (c === "*") {
      if (pattern[i + 1] === "*") {
        out += ".*";
        i++;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) throw new GlobError(`unclosed "[" in ${pattern}`);
      let body = pattern.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else out += escapeChar(c);
  }
  if (depth > 0) throw new GlobError(`unclosed "{" in ${pattern}`);
  return new RegExp(`^${out}$`);
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** The folders before the first segment with a matcher: where the walk starts. */
export function staticPrefix(pattern: string): string {
  if (!hasMatchers(pattern)) return pattern;
  const parts: string[] = [];
  for (const part of pattern.split("/")) {
    if (hasMatchers(part)) break;
    parts.push(part);
  }
  return parts.join("/") || ".";
}

/**
 * The files a pattern matches under `root`, as slash-separated paths relative to it, in walk
 * order. A pattern without matchers that names nothing is an error, as in GoReleaser.
 */
export async function globFiles(root: string, rawPattern: string): Promise<string[]> {
  const pattern = path.posix.normalize(rawPattern.replace(/\/+$/, "")).replace(/^\.\//, "");
  const regexp = globRegExp(pattern);
  const prefix = staticPrefix(pattern);
  const info = await stat(path.join(root, prefix)).catch(() => undefined);
  if (!info) {
    if (!hasMatchers(pattern)) throw new GlobError(`matching "${prefix}": file does not exist`);
    return [];
  }
  if (!info.isDirectory()) return regexp.test(prefix) ? [prefix] : [];
  const matches: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const clean = rel === "." ? "." : rel;
    if (regexp.test(clean)) {
      matches.push(...(await filesIn(root, rel)));
      return;
    }
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = rel === "." ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (regexp.test(child)) matches.push(child);
    }
  };
  await walk(prefix);
  return matches;
}

async function filesIn(root: string, rel: string): Promise<string[]> {
  const info = await stat(path.join(root, rel));
  if (!info.isDirectory()) return [rel];
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = rel === "." ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesIn(root, child)));
    else out.push(child);
  }
  return out;
}
