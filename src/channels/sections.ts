// The channels' config sections: each key reads the same in goship.yaml and in a GoReleaser file.
import { z } from "zod";
import { defineSection } from "../config/section.js";
import { aurSchema } from "./aur/config.js";
import { caskSchema, formulaSchema } from "./homebrew/config.js";
import { npmSchema } from "./npm/config.js";
import { scoopSchema } from "./scoop/config.js";
import { wingetSchema } from "./winget/config.js";

function listSection<Key extends string, T>(key: Key, item: z.ZodType<T>, description: string) {
  const schema = z.array(item).meta({ description });
  return defineSection({
    key,
    goship: schema,
    goreleaser: schema,
    resolve: (user: T[] | undefined): readonly T[] => user ?? [],
  });
}

export const casksSection = listSection("homebrew_casks", caskSchema, "Homebrew casks, pushed to a tap.");
export const brewsSection = listSection(
  "brews",
  formulaSchema,
  "Homebrew formulas (deprecated by Homebrew for binaries).",
);
export const scoopsSection = listSection("scoops", scoopSchema, "Scoop manifests, pushed to a bucket.");
export const aursSection = listSection("aurs", aurSchema, "AUR -bin packages (PKGBUILD and .SRCINFO).");
export const wingetSection = listSection("winget", wingetSchema, "winget manifests, written to dist.");
export const npmsSection = listSection(
  "npms",
  npmSchema,
  "npm packages of the binaries (esbuild's pattern).",
);
