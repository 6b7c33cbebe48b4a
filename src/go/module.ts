// The module and its main packages, from one `go list -m` and one `go list ./...`.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Exec } from "../process/exec.js";
import type { ModMode } from "./build-args.js";
import { NoMainPackageError } from "./errors.js";
import { chooseMains } from "./mains.js";
import { runGo } from "./run.js";

export interface MainPackage {
  /** Import path, e.g. `example.com/tool/cmd/api`. */
  readonly importPath: string;
  /** Path relative to the module root, `./cmd/api` or `.`, as passed to `go build`. */
  readonly relativePath: string;
  /** The binary's plain name, e.g. `api`. */
  readonly binary: string;
}

export interface GoModule {
  readonly path: string;
  readonly dir: string;
  /** The `go` line of go.mod. */
  readonly goLine: string;
  /** `vendor` when vendor/modules.txt exists: an explicit -mod=readonly would turn vendoring off. */
  readonly modMode: ModMode;
  /** The main packages released (see chooseMains), sorted by import path. */
  readonly mains: readonly MainPackage[];
  /** Every main package of the module, the released ones included. */
  readonly allMains: readonly MainPackage[];
  /** Mains left out of the release by default, for the note that lists them. */
  readonly leftOut: readonly MainPackage[];
  /**
   * Every package of the module by import path: its name, where it is, its Go files for the host
   * and the packages it depends on.
   */
  readonly packages: ReadonlyMap<
    string,
    {
      readonly name: string;
      readonly dir: string;
      readonly goFiles: readonly string[];
      readonly deps: readonly string[];
    }
  >;
}

interface ListedPackage {
  ImportPath: string;
  Name: string;
  Dir: string;
  GoFiles?: string[];
  Deps?: string[];
}

/** `moduleDir` is the directory of go.mod; `envFor` gives the go environment for its -mod mode. */
export async function loadModule(
  exec: Exec,
  moduleDir: string,
  envFor: (modMode: ModMode) => NodeJS.ProcessEnv,
  signal?: AbortSignal,
  wantedMains?: readonly string[],
): Promise<GoModule> {
  const modMode = modModeOf(moduleDir);
  const env = envFor(modMode);
  const mod = JSON.parse(await runGo(exec, ["list", "-m", "-json"], moduleDir, env, signal)) as {
    Path: string;
    Dir: string;
    GoVersion?: string;
  };
  const packagesOut = await runGo(
    exec,
    ["list", "-json=ImportPath,Name,Dir,GoFiles,Deps", "./..."],
    mod.Dir,
    env,
    signal,
  );
  const listed = parseJsonStream<ListedPackage>(packagesOut);
  const allMains = mainPackages(mod.Path, mod.Dir, listed);
  if (allMains.length === 0) throw new NoMainPackageError(mod.Path);
  const { released, left } = chooseMains(allMains, wantedMains);
  // Only the module's own packages matter among the dependencies (stamp discovery reads them).
  const own = (dep: string) => dep === mod.Path || dep.startsWith(`${mod.Path}/`);
  const packages = new Map(
    listed.map((p) => [
      p.ImportPath,
      { name: p.Name, dir: p.Dir, goFiles: p.GoFiles ?? [], deps: (p.Deps ?? []).filter(own) },
    ]),
  );
  return {
    path: mod.Path,
    dir: mod.Dir,
    goLine: mod.GoVersion ?? "",
    modMode,
    mains: released,
    allMains,
    leftOut: left,
    packages,
  };
}

export function modModeOf(moduleDir: string): ModMode {
  return existsSync(path.join(moduleDir, "vendor", "modules.txt")) ? "vendor" : "readonly";
}

export function mainPackages(
  modulePath: string,
  moduleDir: string,
  packages: readonly ListedPackage[],
): MainPackage[] {
  return packages
    .filter((p) => p.Name === "main")
    .map((p) => {
      const rel = path.relative(moduleDir, p.Dir).split(path.sep).join("/");
      return {
        importPath: p.ImportPath,
        relativePath: rel === "" ? "." : `./${rel}`,
        binary: lastElement(p.ImportPath === modulePath ? modulePath : p.ImportPath),
      };
    })
    .sort((a, b) => (a.importPath < b.importPath ? -1 : 1));
}

/** The last path element, skipping a major-version suffix as `go install` does (`tool/v2` → tool). */
export function lastElement(importPath: string): string {
  const parts = importPath.split("/");
  const last = parts.at(-1) ?? importPath;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts.at(-2)! : last;
}

/** `go list -json` prints concatenated JSON objects, not an array. */
export function parseJsonStream<T>(text: string): T[] {
  const values: T[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)) as T);
  }
  return values;
}
