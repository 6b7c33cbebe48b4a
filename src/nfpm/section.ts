// The `nfpms` config section: the same keys in goship.yaml and in GoReleaser files.
import { defineSection } from "../config/section.js";
import { type ResolvedNfpm, resolveNfpms } from "./defaults.js";
import { nfpmsSchema } from "./schema.js";

export const nfpmSection = defineSection({
  key: "nfpms",
  goship: nfpmsSchema,
  goreleaser: nfpmsSchema,
  resolve(user, facts): ResolvedNfpm[] {
    return resolveNfpms(user, facts);
  },
});
