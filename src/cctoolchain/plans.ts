// The cgo decisions of a run, shared between the step that makes them and the steps that use them.

import type { CgoMode } from "../config/builds.js";
import { formatTarget, type Target } from "../go/targets.js";
import type { ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { CgoTargetPlan } from "./plan.js";

export interface CgoPlans {
  /** Build id → the mode it builds with (after zero-config detection). */
  readonly modes: Map<string, CgoMode>;
  /** `<build id>|<target>` → toolchain, env and linker flags. */
  readonly targets: Map<string, CgoTargetPlan>;
  /** `<build id>|<target>` → the highest GLIBC_x.y symbol version a dynamic binary needs. */
  readonly glibc: Map<string, string>;
}

const plansKey = factKey<CgoPlans>("cgo plans");

export function cgoPlansOf(ctx: ReleaseContext): CgoPlans {
  return ctx.facts.once(plansKey, () => ({ modes: new Map(), targets: new Map(), glibc: new Map() }));
}

export function planKey(buildId: string, target: Target): string {
  return `${buildId}|${formatTarget(target)}`;
}

/** The plan of one build's target, or undefined when that build does not use cgo. */
export function cgoPlanOf(ctx: ReleaseContext, buildId: string, target: Target): CgoTargetPlan | undefined {
  return cgoPlansOf(ctx).targets.get(planKey(buildId, target));
}

/** What metadata.json records about a build's cgo: mode, compiler per target, glibc floors. */
export interface CgoRecord {
  readonly mode: Exclude<CgoMode, "off">;
  /** Target → the compiler that built its C code (no local paths). */
  readonly compilers: Readonly<Record<string, string>>;
  /** Target → the minimum glibc version a dynamic binary needs. */
  readonly glibc?: Readonly<Record<string, string>>;
}

export function cgoRecordOf(ctx: ReleaseContext, buildId: string): CgoRecord | undefined {
  const plans = cgoPlansOf(ctx);
  const mode = plans.modes.get(buildId);
  if (mode === undefined || mode === "off") return undefined;
  const prefix = `${buildId}|`;
  const compilers: Record<string, string> = {};
  const glibc: Record<string, string> = {};
  for (const [key, plan] of [...plans.targets].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (key.startsWith(prefix)) compilers[key.slice(prefix.length)] = plan.compiler;
  for (const [key, floor] of [...plans.glibc].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (key.startsWith(prefix)) glibc[key.slice(prefix.length)] = floor;
  return { mode, compilers, ...(Object.keys(glibc).length ? { glibc } : {}) };
}
