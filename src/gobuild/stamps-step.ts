// Step: before building, decide which `-X` stamps can land. Without configured stamps, the
// module's own version, commit and date variables are found and stamped, whatever their names;
// configured stamps are checked, and one that would break the build is an error here.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Stamps } from "../go/build-args.js";
import {
  discoverStamps,
  roleTemplates,
  type StampPackage,
  stampPackageNames,
} from "../go/stamp-discovery.js";
import { checkStampTarget, describeStampProblem, type StampProblem } from "../go/stamp-source.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step } from "../pipeline/step.js";
import { StampTypeError } from "./errors.js";
import { configuredStamps, unlandedStampsKey } from "./stamps.js";

export const checkStampsStep: Step = {
  name: "checking -X stamps",
  async run(ctx) {
    const config = need(ctx, "config");
    if (config.builds.some((b) => b.discoverStamps)) await discover(ctx);
    const unlanded = new Set<string>();
    const broken: string[] = [];
    for (const [symbol, problems] of await stampProblems(ctx, releaseStamps(ctx))) {
      unlanded.add(symbol);
      for (const { problem, message } of problems) {
        if (problem.kind === "not-string") broken.push(message);
        // A discovered stamp missing from one of several mains is expected: -X ignores it there.
        else if (!(problem.kind === "missing" && isDiscovered(ctx, symbol))) ctx.log.warn(message);
      }
    }
    if (broken.length > 0) throw new StampTypeError(broken);
    // Verification then expects only the stamps that land in every binary.
    ctx.facts.set(unlandedStampsKey, unlanded);
  },
};

/** The stamps the builds pass with -X (goship's stamps, or those inside a GoReleaser file's ldflags). */
export function releaseStamps(ctx: ReleaseContext): Stamps {
  return configuredStamps(ctx);
}

function isDiscovered(ctx: ReleaseContext, symbol: string): boolean {
  return need(ctx, "config").builds.some((b) => b.discoverStamps && b.stamps.some(([s]) => s === symbol));
}

/** Replaces the stamps of builds that name none with the module's own stamp variables. */
async function discover(ctx: ReleaseContext): Promise<void> {
  const module = need(ctx, "module");
  const config = need(ctx, "config");
  // The released mains, and the packages they import that by convention hold build facts.
  const imported = new Set(module.mains.flatMap((m) => module.packages.get(m.importPath)?.deps ?? []));
  const inputs: StampPackage[] = [];
  for (const importPath of module.packages.keys()) {
    const isMain = module.mains.some((m) => m.importPath === importPath);
    const conventional = imported.has(importPath) && stampPackageNames.has(importPath.split("/").at(-1)!);
    if (isMain || conventional)
      inputs.push({ importPath, isMain, sources: await sourcesOf(ctx, importPath) });
  }
  const programs = [config.projectName, ...module.mains.map((m) => m.binary)];
  const found = discoverStamps(inputs, programs);
  const stamps = found.stamps.map(({ symbol, role }) => [symbol, roleTemplates[role]] as const);
  ctx.config = {
    ...config,
    builds: config.builds.map((b) => (b.discoverStamps ? { ...b, stamps } : b)),
  };
  for (const { reason } of found.skipped) ctx.log.info(`not stamped: ${reason}`);
  if (stamps.length > 0) ctx.log.info("stamps", { variables: stamps.map(([s]) => s).join(", ") });
  else
    ctx.log.info(
      "no version variable to stamp: the binaries show the version through debug.ReadBuildInfo (go version -m)",
    );
}

const goSources = factKey<Map<string, Promise<string[]>>>("Go sources of stamped packages");

/** The contents of a module package's Go files, read once per run. */
function sourcesOf(ctx: ReleaseContext, importPath: string): Promise<string[]> {
  const cache = ctx.facts.once(goSources, () => new Map<string, Promise<string[]>>());
  let sources = cache.get(importPath);
  if (!sources) {
    const listed = need(ctx, "module").packages.get(importPath);
    sources = listed
      ? Promise.all(listed.goFiles.map((file) => readFile(path.join(listed.dir, file), "utf8")))
      : Promise.resolve([]);
    cache.set(importPath, sources);
  }
  return sources;
}

/** The problems of each stamp that will not land in every binary, with their messages. */
export async function stampProblems(
  ctx: ReleaseContext,
  stamps: Stamps,
): Promise<Map<string, Array<{ problem: StampProblem; message: string }>>> {
  const module = need(ctx, "module");
  const out = new Map<string, Array<{ problem: StampProblem; message: string }>>();
  for (const [symbol] of stamps) {
    const dot = symbol.lastIndexOf(".");
    const pkg = symbol.slice(0, dot);
    // `main.x` means the main package being built: every main of the module is checked.
    const importPaths = pkg === "main" ? module.mains.map((m) => m.importPath) : [pkg];
    for (const importPath of importPaths) {
      if (!module.packages.has(importPath)) {
        ctx.log.debug?.("-X names a package outside the module; not checked", { symbol });
        continue;
      }
      const problem = checkStampTarget(await sourcesOf(ctx, importPath), symbol.slice(dot + 1));
      const message = describeStampProblem(symbol, importPath, problem);
      if (message) out.set(symbol, [...(out.get(symbol) ?? []), { problem, message }]);
    }
  }
  return out;
}
