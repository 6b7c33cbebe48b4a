// The `-X symbol=value` stamps a release really passes, whether they come from goship's stamps or
// are written inside a GoReleaser file's ldflags.
import type { Stamps } from "../go/build-args.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
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

/** `-X a.b=c` and `-X=a.b=c` pairs of an -ldflags value, split as cmd/go splits it (quoted.Split). */
export function stampsInLdflags(ldflags: string): Array<[string, string]> {
  const words = splitQuoted(ldflags);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const spec =
      word === "-X" || word === "--X"
        ? words[++i]
        : /^--?X=/.test(word)
          ? word.replace(/^--?X=/, "")
          : undefined;
    const eq = spec?.indexOf("=") ?? -1;
    if (spec && eq > 0) out.push([spec.slice(0, eq), spec.slice(eq + 1)]);
  }
  return out;
}

/** cmd/internal/quoted.Split: white space separates words; '…' or "…" quote a whole word, no escapes. */
export function splitQuoted(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      const end = text.indexOf(quote, i + 1);
      if (end === -1) {
        words.push(text.slice(i + 1));
        break;
      }
      words.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    words.push(text.slice(start, i));
  }
  return words;
}
