// The `-X symbol=value` stamps a release really passes, whether they come from goship's stamps or
// are written inside a GoReleaser file's ldflags.
import type { Stamps } from "../go/build-args.js";
import { stampsInLdflags } from "../go/ldflags.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";

/**
 * The stamps of the builds, rendered for each build's first target: every stamp of any build
 * (`union`, to check each lands somewhere), or only those every build passes with the same value
 * (`common`, what every binary of the release must carry).
 */
export function configuredStamps(ctx: ReleaseContext, which: "union" | "common" = "union"): Stamps {
  const perBuild = need(ctx, "config").builds.flatMap((build, index) => {
    const target = build.targets[0];
    if (!target) return [];
    const data = { ...releaseFields(ctx), ...targetFields(target) };
    const stamps = new Map<string, string>();
    for (const [symbol, value] of build.stamps) {
      if (!stamps.has(symbol))
        stamps.set(symbol, render(ctx, value, `builds[${index}].stamps.${symbol}`, data));
    }
    const ldflags = build.ldflags.map((flag, i) => render(ctx, flag, `builds[${index}].ldflags[${i}]`, data));
    for (const [symbol, value] of stampsInLdflags(ldflags.join(" ")))
      if (!stamps.has(symbol)) stamps.set(symbol, value);
    return [stamps];
  });
  const result = new Map<string, string>();
  for (const stamps of perBuild) {
    for (const [symbol, value] of stamps) {
      if (result.has(symbol)) continue;
      if (which === "union" || perBuild.every((other) => other.get(symbol) === value))
        result.set(symbol, value);
    }
  }
  return [...result];
}

/** The stamp symbols the stamps step found will not land in every binary. */
export const unlandedStampsKey = factKey<ReadonlySet<string>>("stamps that do not land");

/** The stamps every binary carries in its bytes: what verification looks for. */
export function verifiableStamps(ctx: ReleaseContext): Stamps {
  const unlanded = ctx.facts.get(unlandedStampsKey);
  return configuredStamps(ctx, "common").filter(([symbol]) => !unlanded?.has(symbol));
}
