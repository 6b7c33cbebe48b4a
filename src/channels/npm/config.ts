// `npms`: GoReleaser Pro's keys where they map, plus the registry and provenance settings npm has.
import { z } from "zod";
import { list, text } from "../config.js";

export const npmSchema = z
  .looseObject({
    id: text("Id of this package set. @default the project name"),
    ids: list("Build ids whose binaries go in; empty means all."),
    name: z.string().min(1).meta({ description: 'The main package name, e.g. "@acme/tool" (required).' }),
    description: text("Package description (template)."),
    homepage: text("Homepage (template)."),
    keywords: list("npm keywords."),
    license: text("SPDX license (template)."),
    author: text("Author (template)."),
    repository: text("Git URL of the source (template)."),
    bugs: text("Issue tracker URL (template)."),
    access: z
      .enum(["", "public", "restricted"])
      .default("")
      .meta({ description: "Access of scoped packages; public for a free npm org. @default npm's own" }),
    tag: text("Dist-tag (template). @default latest, or a prerelease's first identifier (rc, beta)"),
    registry: text("Registry URL. @default npm's configuration: npm_config_registry, .npmrc"),
    provenance: z
      .union([z.boolean(), z.literal("auto")])
      .default("auto")
      .meta({ description: "npm publish --provenance. @default auto: in GitHub Actions and GitLab CI" }),
    skip_upload: text("true: build the packages but never publish them; auto: not for prereleases."),
  })
  .meta({ id: "Npm" });

export type NpmConfig = z.output<typeof npmSchema>;

/** Provenance needs an OIDC identity, which npm can only get on these CI services. */
export function provenanceWanted(setting: boolean | "auto", env: NodeJS.ProcessEnv): boolean {
  if (setting !== "auto") return setting;
  return env.GITHUB_ACTIONS === "true" || env.GITLAB_CI === "true";
}
