// Real tools the tests need: found on PATH or in the CI tools cache; missing ones fail in CI and
// skip with a message naming them elsewhere.
import { accessSync, constants } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where CI installs tools: `$GOSHIP_TOOLS`, else `~/.cache/goship-tools`; their `bin` is searched too. */
export const toolsDir = process.env.GOSHIP_TOOLS || path.join(os.homedir(), ".cache", "goship-tools");

/** The first of `names` found on PATH or in the tools cache, as an absolute path. */
export function findTool(...names: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), path.join(toolsDir, "bin")];
  for (const name of names) {
    for (const dir of dirs.filter((d) => path.isAbsolute(d))) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The missing tools' names, or [] when all are there. In CI a missing tool throws: a test that
 * cannot run its real consumer has failed, not passed.
 */
export function missingTools(wanted: Record<string, string | undefined>): string[] {
  const missing = Object.entries(wanted)
    .filter(([, found]) => found === undefined)
    .map(([name]) => name);
  if (missing.length > 0 && process.env.CI)
    throw new Error(`missing tools in CI: ${missing.join(", ")}; .ci/run must install them`);
  if (missing.length > 0) console.warn(`skipping: ${missing.join(", ")} not installed`);
  return missing;
}
