// Zero config: which package-level variables hold the version, commit and date, so that the
// release stamps them whatever they are called (`main.gronVersion`, `version.Version`,
// `buildinfo.Commit`, `main.revision`). Only variables `-X` can really set are chosen.
import { checkStampTarget, describeStampProblem, tokenize, topLevelSpecs } from "./stamp-source.js";

export type StampRole = "version" | "commit" | "date";

/** The template each role is stamped with. */
export const roleTemplates: Readonly<Record<StampRole, string>> = {
  version: "{{ .Version }}",
  commit: "{{ .FullCommit }}",
  date: "{{ .CommitDate }}",
};

export interface StampPackage {
  readonly importPath: string;
  readonly isMain: boolean;
  /** The contents of its Go files. */
  readonly sources: readonly string[];
}

export interface StampDiscovery {
  readonly stamps: ReadonlyArray<{ readonly symbol: string; readonly role: StampRole }>;
  /** Variables that look like stamps but cannot take one, each with the reason. */
  readonly skipped: ReadonlyArray<{ readonly symbol: string; readonly reason: string }>;
}

/** Package names (last import-path element) that hold build facts by convention. */
export const stampPackageNames = new Set([
  "version",
  "versions",
  "buildinfo",
  "build",
  "buildvars",
  "info",
  "meta",
  "about",
  "cmd",
]);

const roles: ReadonlyArray<[StampRole, ReadonlySet<string>]> = [
  [
    "version",
    new Set([
      "version",
      "appversion",
      "buildversion",
      "releaseversion",
      "versionstring",
      "versionstr",
      "gitversion",
      "gittag",
    ]),
  ],
  [
    "commit",
    new Set([
      "commit",
      "gitcommit",
      "commithash",
      "commitsha",
      "commitid",
      "gitsha",
      "githash",
      "revision",
      "gitrevision",
      "buildcommit",
    ]),
  ],
  [
    "date",
    new Set(["date", "builddate", "buildtime", "buildtimestamp", "commitdate", "releasedate", "builtat"]),
  ],
];

/** The role a variable name says it has; `<program>Version` (gronVersion) counts as a version. */
export function stampRole(name: string, programs: readonly string[]): StampRole | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  for (const [role, names] of roles) if (names.has(key)) return role;
  const own = programs.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, ""));
  if (own.some((p) => p !== "" && key === `${p}version`)) return "version";
  return undefined;
}

/**
 * Variables named like build facts in the main packages (`main.<name>`, one -X serves every main)
 * and in the other packages given (exported ones only: another package reads them).
 */
export function discoverStamps(
  packages: readonly StampPackage[],
  programs: readonly string[],
): StampDiscovery {
  const candidates = new Map<string, { role: StampRole; packages: StampPackage[]; name: string }>();
  for (const pkg of packages) {
    const names = pkg.sources.flatMap((source) =>
      topLevelSpecs(tokenize(source))
        .filter((spec) => spec.keyword === "var")
        .flatMap((spec) => spec.names),
    );
    for (const name of new Set(names)) {
      const role = stampRole(name, programs);
      if (!role || name === "_" || (!pkg.isMain && !/^\p{Lu}/u.test(name))) continue;
      const symbol = `${pkg.isMain ? "main" : pkg.importPath}.${name}`;
      const entry = candidates.get(symbol) ?? { role, packages: [], name };
      entry.packages.push(pkg);
      candidates.set(symbol, entry);
    }
  }
  const stamps: Array<{ symbol: string; role: StampRole }> = [];
  const skipped: Array<{ symbol: string; reason: string }> = [];
  for (const [symbol, { role, packages: declaring, name }] of [...candidates].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    // One -X reaches every main: it is passed only when no main would break or ignore it.
    const problems = declaring
      .map((pkg) => ({ pkg, problem: checkStampTarget(pkg.sources, name) }))
      .filter(({ problem }) => problem.kind !== "ok");
    if (problems.length === 0) stamps.push({ symbol, role });
    else {
      const { pkg, problem } = problems[0]!;
      skipped.push({ symbol, reason: describeStampProblem(symbol, pkg.importPath, problem) ?? "" });
    }
  }
  // Version, commit, date: the order goship's default stamps have, so that a config naming them
  // explicitly builds the same -ldflags.
  const order: Record<StampRole, number> = { version: 0, commit: 1, date: 2 };
  stamps.sort((a, b) => order[a.role] - order[b.role] || (a.symbol < b.symbol ? -1 : 1));
  return { stamps, skipped };
}
