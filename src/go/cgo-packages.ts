// Which non-standard packages a main package imports that contain cgo files (`import "C"`).
// Listed with CGO_ENABLED=1: with cgo off, go list silently drops those files, and a package such
// as go-sqlite3 then builds from a stub that fails only at run time.
import type { Exec } from "../process/exec.js";
import { parseJsonStream } from "./module.js";
import { runGo } from "./run.js";

interface ListedDep {
  ImportPath: string;
  Standard?: boolean;
  CgoFiles?: string[];
}

/** The import paths, sorted, of the packages the mains depend on (themselves included) that use cgo. */
export async function cgoPackages(
  exec: Exec,
  dir: string,
  env: NodeJS.ProcessEnv,
  mains: readonly string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const out = await runGo(
    exec,
    ["list", "-deps", "-json=ImportPath,Standard,CgoFiles", ...mains],
    dir,
    { ...env, CGO_ENABLED: "1" },
    signal,
  );
  return packagesUsingCgo(parseJsonStream<ListedDep>(out));
}

/** Standard-library packages (net, os/user, runtime/cgo) have pure-Go fallbacks: only others count. */
export function packagesUsingCgo(listed: readonly ListedDep[]): string[] {
  return listed
    .filter((p) => !p.Standard && (p.CgoFiles?.length ?? 0) > 0)
    .map((p) => p.ImportPath)
    .sort();
}
