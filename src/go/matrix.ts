// The goos × goarch × level matrix of a build, minus invalid pairs and ignore rules. Pure.
import { effectiveLevel, type Target } from "./targets.js";

/** The per-architecture level lists of a build config (`goarm: [6, 7]`…), by config key. */
export type LevelLists = Partial<Record<LevelKey, readonly string[]>>;

export type LevelKey = "goamd64" | "goarm" | "goarm64" | "go386" | "gomips" | "goppc64" | "goriscv64";

/** Which level list applies to an architecture. */
export function levelKeyOf(goarch: string): LevelKey | undefined {
  switch (goarch) {
    case "amd64":
      return "goamd64";
    case "arm":
      return "goarm";
    case "arm64":
      return "goarm64";
    case "386":
      return "go386";
    case "mips":
    case "mipsle":
    case "mips64":
    case "mips64le":
      return "gomips";
    case "ppc64":
    case "ppc64le":
      return "goppc64";
    case "riscv64":
      return "goriscv64";
    default:
      return undefined;
  }
}

/** An ignore rule: empty fields match anything. */
export type IgnoreRule = Partial<Record<"goos" | "goarch" | LevelKey, string>>;

export interface MatrixInput {
  readonly goos: readonly string[];
  readonly goarch: readonly string[];
  readonly levels: LevelLists;
  readonly ignore: readonly IgnoreRule[];
  /** Whether the pair can be built; other pairs are dropped without a word, as GoReleaser does. */
  readonly valid: (goos: string, goarch: string) => boolean;
}

/** Every combination in goos, goarch, level order. A level list left out keeps the level unset. */
export function expandMatrix(input: MatrixInput): Target[] {
  const targets: Target[] = [];
  for (const goos of input.goos) {
    for (const goarch of input.goarch) {
      const key = levelKeyOf(goarch);
      const levels = key ? input.levels[key] : undefined;
      const candidates: Target[] =
        levels && levels.length > 0 ? levels.map((level) => ({ goos, goarch, level })) : [{ goos, goarch }];
      for (const target of candidates) {
        if (!input.valid(goos, goarch)) continue;
        if (input.ignore.some((rule) => ignores(rule, target))) continue;
        targets.push(target);
      }
    }
  }
  return targets;
}

export function ignores(rule: IgnoreRule, target: Target): boolean {
  if (rule.goos && rule.goos !== target.goos) return false;
  if (rule.goarch && rule.goarch !== target.goarch) return false;
  const targetKey = levelKeyOf(target.goarch);
  for (const key of ["goamd64", "goarm", "goarm64", "go386", "gomips", "goppc64", "goriscv64"] as const) {
    const wanted = rule[key];
    if (!wanted) continue;
    // A level rule only matches targets of its architecture, with the level they really build.
    if (targetKey !== key || effectiveLevel(target) !== wanted) return false;
  }
  return true;
}
