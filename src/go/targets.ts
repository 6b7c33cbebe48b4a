// Release targets: parsing `os/arch[/level]`, the architecture-level variables Go accepts, and the
// names a level gives artifacts. Pure: the list of valid os/arch pairs comes from the toolchain.

/** One release target. `level` is the value of the architecture-level variable (GOAMD64…). */
export interface Target {
  readonly goos: string;
  readonly goarch: string;
  readonly level?: string;
}

/** A pair from `go tool dist list -json`. */
export interface Platform {
  readonly goos: string;
  readonly goarch: string;
  readonly firstClass: boolean;
}

interface LevelSpec {
  readonly variable: string;
  /** What Go builds when the variable is unset and we are not on that architecture. */
  readonly goDefault: string;
  /**
   * The level left out of artifact names. GOARM has none: "arm" alone says nothing about the
   * instruction set, so 32-bit ARM artifacts always carry it (armv6, armv7).
   */
  readonly unnamed?: string;
  readonly valid: (value: string) => boolean;
  readonly choices: readonly string[];
}

const armFloat = /^[567](,(softfloat|hardfloat))?$/;
const arm64Level = /^v(8\.[0-9]|9\.[0-5])((,lse)|(,crypto)|(,lse,crypto)|(,crypto,lse))?$/;

// Values from Go's internal/buildcfg; an invalid one makes every go command fail, so we check
// them first and say which values exist.
const levels: Readonly<Record<string, LevelSpec>> = {
  amd64: oneOf("GOAMD64", "v1", ["v1", "v2", "v3", "v4"], "v1"),
  arm: {
    variable: "GOARM",
    goDefault: "7",
    valid: (v) => armFloat.test(v),
    choices: ["5", "6", "7", "5,softfloat", "6,hardfloat", "7,softfloat"],
  },
  arm64: {
    variable: "GOARM64",
    goDefault: "v8.0",
    unnamed: "v8.0",
    valid: (v) => arm64Level.test(v),
    choices: ["v8.0", "v8.1", "v8.2", "v8.3", "v8.4", "v8.5", "v9.0", "v9.1", "v9.5", "v8.2,lse,crypto"],
  },
  "386": oneOf("GO386", "sse2", ["sse2", "softfloat"], "sse2"),
  mips: oneOf("GOMIPS", "hardfloat", ["hardfloat", "softfloat"], "hardfloat"),
  mipsle: oneOf("GOMIPS", "hardfloat", ["hardfloat", "softfloat"], "hardfloat"),
  mips64: oneOf("GOMIPS64", "hardfloat", ["hardfloat", "softfloat"], "hardfloat"),
  mips64le: oneOf("GOMIPS64", "hardfloat", ["hardfloat", "softfloat"], "hardfloat"),
  ppc64: oneOf("GOPPC64", "power8", ["power8", "power9", "power10"], "power8"),
  ppc64le: oneOf("GOPPC64", "power8", ["power8", "power9", "power10"], "power8"),
  riscv64: oneOf("GORISCV64", "rva20u64", ["rva20u64", "rva22u64", "rva23u64"], "rva20u64"),
};

function oneOf(variable: string, goDefault: string, choices: string[], unnamed: string): LevelSpec {
  return { variable, goDefault, unnamed, valid: (v) => choices.includes(v), choices };
}

/** Every architecture-level variable goship controls (cleared from the environment of builds). */
export const levelVariables: readonly string[] = [...new Set(Object.values(levels).map((l) => l.variable))];

/** The default release matrix. */
export const defaultTargets: readonly Target[] = [
  { goos: "linux", goarch: "amd64" },
  { goos: "linux", goarch: "arm64" },
  { goos: "darwin", goarch: "amd64" },
  { goos: "darwin", goarch: "arm64" },
  { goos: "windows", goarch: "amd64" },
  { goos: "windows", goarch: "arm64" },
];

export function levelVariable(goarch: string): string | undefined {
  return levels[goarch]?.variable;
}

/**
 * The level a build really uses. Pinned explicitly even when it is Go's default, because Go's
 * default GOARM depends on the host and a variable left in the user's environment would leak in.
 */
export function effectiveLevel(target: Target): string | undefined {
  return target.level ?? levels[target.goarch]?.goDefault;
}

/** The environment that selects the target: GOOS, GOARCH and its level variable. */
export function targetEnv(target: Target): Record<string, string> {
  const env: Record<string, string> = { GOOS: target.goos, GOARCH: target.goarch };
  const variable = levelVariable(target.goarch);
  const level = effectiveLevel(target);
  if (variable && level) env[variable] = level;
  return env;
}

/** The arch part of artifact names: `amd64`, `amd64v3`, `armv7`, `arm64v8.2`. */
export function archLabel(target: Target): string {
  const spec = levels[target.goarch];
  const level = effectiveLevel(target);
  if (!spec || !level || level === spec.unnamed) return target.goarch;
  const compact = level.replaceAll(",", "-");
  return spec.variable === "GOARM" ? `${target.goarch}v${compact}` : `${target.goarch}${compact}`;
}

/** `linux/amd64/v3` — the form users write and logs show. */
export function formatTarget(target: Target): string {
  return [target.goos, target.goarch, target.level].filter(Boolean).join("/");
}

export type TargetProblem =
  | { kind: "syntax"; input: string }
  | { kind: "platform"; input: string; suggestions: string[] }
  | { kind: "level"; input: string; variable: string; suggestions: string[] };

export type ParsedTarget = { ok: true; target: Target } | { ok: false; problem: TargetProblem };

/** Parses and validates one `os/arch[/level]` against the toolchain's platforms. */
export function parseTarget(input: string, platforms: readonly Platform[]): ParsedTarget {
  const parts = input.trim().split("/");
  const [goos, goarch, level, ...rest] = parts;
  if (!goos || !goarch || rest.length > 0 || level === "") {
    return { ok: false, problem: { kind: "syntax", input } };
  }
  if (!platforms.some((p) => p.goos === goos && p.goarch === goarch)) {
    const names = platforms.map((p) => `${p.goos}/${p.goarch}`);
    return {
      ok: false,
      problem: { kind: "platform", input, suggestions: nearest(`${goos}/${goarch}`, names) },
    };
  }
  if (level === undefined) return { ok: true, target: { goos, goarch } };
  const spec = levels[goarch];
  const normalised = spec?.variable === "GOARM64" || spec?.variable === "GOAMD64" ? withV(level) : level;
  if (!spec?.valid(normalised)) {
    return {
      ok: false,
      problem: {
        kind: "level",
        input,
        variable: spec?.variable ?? "",
        suggestions: spec ? nearest(level, spec.choices).map((c) => `${goos}/${goarch}/${c}`) : [],
      },
    };
  }
  return { ok: true, target: { goos, goarch, level: normalised } };
}

function withV(level: string): string {
  return /^\d/.test(level) ? `v${level}` : level;
}

export function describeTargetProblem(problem: TargetProblem): string {
  switch (problem.kind) {
    case "syntax":
      return `"${problem.input}" is not a target: write os/arch or os/arch/level, e.g. linux/amd64 or linux/amd64/v3`;
    case "platform":
      return `unknown target "${problem.input}"; nearest valid: ${problem.suggestions.join(", ")} (all: go tool dist list)`;
    case "level":
      return problem.variable
        ? `invalid ${problem.variable} level in "${problem.input}"; valid: ${problem.suggestions.join(", ")}`
        : `"${problem.input}": this architecture takes no level; drop the last part`;
  }
}

/** Up to five candidates closest to `input` by edit distance (ties in list order). */
export function nearest(input: string, candidates: readonly string[], count = 5): string[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(input, candidate) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, count)
    .map((c) => c.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
