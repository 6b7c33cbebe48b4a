// Which main packages a zero-config release ships: the programs of the module, not the developer
// tools that live beside them (generators, scripts, examples, test helpers).
import { DuplicateBinaryError, UnknownMainError } from "./errors.js";
import type { MainPackage } from "./module.js";

/** Folders whose mains are for the module's developers, at any depth. */
const toolFolders = new Set([
  "internal",
  "tools",
  "tool",
  "hack",
  "scripts",
  "script",
  "examples",
  "example",
  "_examples",
  "testdata",
  "test",
  "tests",
  "testing",
  "bench",
  "benchmarks",
  "docs",
]);

/** `cmd/gen-docs`, `cmd/generate-x`: generators that sit in cmd/ but are not shipped. */
const generatorName = /^(gen|generate|codegen)([-_]|$)/;

export interface MainChoice {
  readonly released: readonly MainPackage[];
  /** Mains left out, for the note that says so. */
  readonly left: readonly MainPackage[];
}

/**
 * The module-root main and `cmd/<name>` mains; when neither exists, every main outside developer
 * folders; when that leaves nothing, every main. Names that GoReleaser users know from
 * `builds[].main` and from `--main` choose explicitly instead.
 */
export function chooseMains(all: readonly MainPackage[], wanted?: readonly string[]): MainChoice {
  let released: MainPackage[];
  if (wanted && wanted.length > 0) {
    released = wanted.map((name) => {
      const rel = normaliseMain(name);
      const found = all.find((m) => m.relativePath === rel || m.importPath === name);
      if (!found)
        throw new UnknownMainError(
          name,
          all.map((m) => m.relativePath),
        );
      return found;
    });
  } else {
    const segments = (m: MainPackage) =>
      m.relativePath
        .replace(/^\.\/?/, "")
        .split("/")
        .filter(Boolean);
    const programs = all.filter((m) => {
      const parts = segments(m);
      return (
        parts.length === 0 || (parts.length === 2 && parts[0] === "cmd" && !generatorName.test(parts[1]!))
      );
    });
    const outsideTools = all.filter((m) => !segments(m).some((s) => toolFolders.has(s)));
    released = programs.length > 0 ? programs : outsideTools.length > 0 ? outsideTools : [...all];
  }
  const seen = new Map<string, string>();
  for (const main of released) {
    const other = seen.get(main.binary);
    if (other && other !== main.importPath)
      throw new DuplicateBinaryError(main.binary, [other, main.importPath]);
    seen.set(main.binary, main.importPath);
  }
  const unique = released.filter((m, i) => released.findIndex((o) => o.importPath === m.importPath) === i);
  return { released: unique, left: all.filter((m) => !unique.includes(m)) };
}

/** `cmd/api`, `./cmd/api/`, `.` → the `./cmd/api` form `go list` gives. */
export function normaliseMain(main: string): string {
  const trimmed = main.replace(/\/+$/, "").replace(/^\.\/?/, "");
  return trimmed === "" ? "." : `./${trimmed}`;
}
