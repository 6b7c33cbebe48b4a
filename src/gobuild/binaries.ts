// The binaries a release's builds make, named as the config names them, and the import path of a
// build's main package: shared by the build step and metadata.json.
import { need, type ReleaseContext } from "../pipeline/context.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";

/** The binaries the builds make, by plain name and import path, in config order. */
export function configuredBinaries(ctx: ReleaseContext): Array<{ name: string; package: string }> {
  const module = need(ctx, "module");
  const seen = new Set<string>();
  const out: Array<{ name: string; package: string }> = [];
  for (const [index, build] of need(ctx, "config").builds.entries()) {
    const target = build.targets[0];
    if (!target) continue;
    const fields = { ...releaseFields(ctx), ...targetFields(target) };
    for (const main of build.mains) {
      const name = render(ctx, main.binary, `builds[${index}].binary`, fields);
      const pkg = importPathOf(module.path, module.mains, main.package);
      if (seen.has(`${name}\0${pkg}`)) continue;
      seen.add(`${name}\0${pkg}`);
      out.push({ name, package: pkg });
    }
  }
  return out;
}

/** The import path of a build's `main` (a package path relative to the module root). */
export function importPathOf(
  modulePath: string,
  mains: ReadonlyArray<{ relativePath: string; importPath: string }>,
  pkg: string,
): string {
  const known = mains.find((m) => m.relativePath === pkg);
  if (known) return known.importPath;
  const rel = pkg.replace(/^\.\/?/, "").replace(/\/$/, "");
  return rel === "" ? modulePath : `${modulePath}/${rel}`;
}
