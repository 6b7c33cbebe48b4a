// The `signs` and `binary_signs` keys: GoReleaser's entries, plus goship's native `key`.
import { z } from "zod";
import { defineSection, type SectionFacts } from "../config/section.js";
import {
  duplicateIds,
  SIGN_ARTIFACTS,
  type SignEntry,
  type SignFlavor,
  signEntrySchema,
  withSignDefaults,
} from "./config.js";

const schema = z.array(signEntrySchema);

function resolveEntries(
  flavor: SignFlavor,
  user: z.infer<typeof schema> | undefined,
  facts: SectionFacts,
): readonly SignEntry[] {
  const entries = (user ?? []).map((e) => withSignDefaults(e, flavor));
  const allowed: readonly string[] = flavor === "binary_signs" ? ["binary", "none"] : SIGN_ARTIFACTS;
  entries.forEach((entry, i) => {
    if (!allowed.includes(entry.artifacts)) {
      facts.problem(
        [i, "artifacts"],
        `invalid list of artifacts to sign: ${entry.artifacts} (use one of ${allowed.join(", ")})`,
      );
    }
    for (const [key, value] of [
      ["signature", entry.signature],
      ["certificate", entry.certificate],
      ["if", entry.if],
    ] as const) {
      if (value !== "") facts.template([i, key], value, "artifact");
    }
    for (const [j, arg] of entry.args.entries()) facts.template([i, "args", j], arg, "artifact");
  });
  for (const id of duplicateIds(entries))
    facts.problem([], `found 2 ${flavor} with the ID '${id}', please fix your config`);
  return entries;
}

export const signSection = defineSection({
  key: "signs",
  goship: schema,
  goreleaser: schema,
  resolve: (user, facts) => resolveEntries("signs", user, facts),
});

export const binarySignSection = defineSection({
  key: "binary_signs",
  goship: schema,
  goreleaser: schema,
  resolve: (user, facts) => resolveEntries("binary_signs", user, facts),
});
