// Files the build reads that git does not track: a clean clone does not have them, so they are
// the first suspects when a rebuild from a clone fails or differs (e.g. `//go:embed` of an ignored file).
import { existsSync } from "node:fs";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { gitEnv } from "../git/env.js";
import { goEnv } from "../go/build-args.js";
import { modModeOf, parseJsonStream } from "../go/module.js";
import type { Exec } from "../process/exec.js";

export interface UntrackedInput {
  /** Path relative to the module root, posix separators. */
  readonly path: string;
  /** Matched by a .gitignore rule (rather than merely never added). */
  readonly ignored: boolean;
}

interface ListedPackage {
  Dir?: string;
  Standard?: boolean;
  GoFiles?: string[];
  CgoFiles?: string[];
  EmbedFiles?: string[];
  SFiles?: string[];
  HFiles?: string[];
  CFiles?: string[];
  SysoFiles?: string[];
}

const FILE_FIELDS = ["GoFiles", "CgoFiles", "EmbedFiles", "SFiles", "HFiles", "CFiles", "SysoFiles"] as const;

/** Absolute paths of the files the packages read; the host's build constraints apply. */
export function inputFiles(packages: readonly ListedPackage[]): string[] {
  const files = new Set<string>();
  for (const p of packages) {
    if (p.Standard || !p.Dir) continue;
    for (const field of FILE_FIELDS) for (const f of p[field] ?? []) files.add(path.join(p.Dir, f));
  }
  return [...files].sort();
}

/** Files of `candidates` (relative to the module root) that `tracked` does not list. */
export function untrackedOf(candidates: readonly string[], tracked: ReadonlySet<string>): string[] {
  return candidates.filter((file) => !file.startsWith("../") && !tracked.has(file));
}

/**
 * Lists the packages of the module and their local dependencies in the user's work tree with
 * `go list` (read-only; `env` must carry a GOCACHE that is not the user's), then asks git which
 * of their files it does not track. Returns [] when the tree is not a git work tree.
 */
export async function findUntrackedInputs(
  exec: Exec,
  moduleDir: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
  /** Another file the release read, relative to the module (the config file). */
  extra?: string,
): Promise<UntrackedInput[]> {
  const fields = ["Dir", "Standard", ...FILE_FIELDS].join(",");
  const listed = await exec("go", ["list", "-e", "-deps", `-json=${fields}`, "./..."], {
    cwd: moduleDir,
    env: goEnv({ base: env, modMode: modModeOf(moduleDir) }),
    signal,
    allowFailure: true,
  });
  const git = (args: string[]) =>
    exec("git", args, { cwd: moduleDir, env: gitEnv(env), signal, allowFailure: true });
  const tracked = await git(["ls-files", "-z"]);
  if (tracked.exitCode !== 0) return [];
  const roots = [moduleDir, await realpath(moduleDir)];
  const relative = (file: string) => {
    const rels = roots.map((root) => path.relative(root, file).split(path.sep).join("/"));
    return rels.find((r) => !r.startsWith("../")) ?? rels[0]!;
  };
  const candidates = [
    ...inputFiles(parseJsonStream<ListedPackage>(listed.stdout)).map(relative),
    ...["go.mod", "go.sum", ...(extra && !path.isAbsolute(extra) ? [extra] : [])].filter((f) =>
      existsSync(path.join(moduleDir, f)),
    ),
  ];
  const trackedSet = new Set(tracked.stdout.split("\0").filter(Boolean));
  const missing = untrackedOf(candidates, trackedSet);
  if (missing.length === 0) return [];
  const ignored = await git(["check-ignore", "--no-index", "--", ...missing]);
  const ignoredSet = new Set(ignored.stdout.split("\n").filter(Boolean));
  return missing.map((file) => ({ path: file, ignored: ignoredSet.has(file) }));
}
