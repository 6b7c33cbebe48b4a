// The config sections of images: kos, dockers_v2, dockers and docker_manifests, under GoReleaser's
// key names in goship.yaml and GoReleaser files alike.
import { z } from "zod";
import { defineSection, type SectionFacts } from "../config/section.js";
import {
  dockerManifestSchema,
  dockerV1Schema,
  dockerV2Schema,
  type ImageFacts,
  type ImageRecipe,
  koSchema,
  type ManifestRecipe,
  resolveDockersV1,
  resolveDockersV2,
  resolveKos,
  resolveManifests,
} from "./config.js";

function imageFacts(facts: SectionFacts): ImageFacts {
  return { flavor: facts.flavor, projectName: facts.projectName, env: facts.env, problem: facts.problem };
}

/** Registers every template of a recipe for `goship check`'s static field check. */
function checkTemplates(
  facts: SectionFacts,
  index: number,
  fields: Record<string, readonly string[] | Readonly<Record<string, string>> | string>,
) {
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") facts.template([index, key], value, "release");
    else if (Array.isArray(value)) {
      for (const [i, v] of (value as readonly string[]).entries())
        facts.template([index, key, i], v, "release");
    } else
      for (const [k, v] of Object.entries(value)) facts.template([index, key, k], v as string, "release");
  }
}

/** GoReleaser's `kos`: images of the release's binaries as ko lays them out, no Go rebuild. */
export const kosSection = defineSection({
  key: "kos",
  goship: z.array(koSchema).meta({
    description:
      "GoReleaser's kos: multi-platform images of the release's own binaries, laid out as ko does, built without a daemon.",
  }),
  goreleaser: z.array(koSchema),
  resolve(user, facts): ImageRecipe[] {
    const recipes = resolveKos(user, imageFacts(facts));
    for (const [i, r] of recipes.entries()) {
      checkTemplates(facts, i, {
        tags: r.tags,
        labels: r.labels,
        annotations: r.annotations,
        disable: r.disable,
      });
    }
    return recipes;
  },
});

/** GoReleaser's `dockers_v2`: multi-platform images from a Dockerfile subset, built without a daemon. */
export const dockersV2Section = defineSection({
  key: "dockers_v2",
  goship: z.array(dockerV2Schema).meta({
    description:
      "GoReleaser's dockers_v2: multi-platform images from a Dockerfile subset (FROM, COPY, ADD, ENTRYPOINT, CMD, ENV, ARG, LABEL, USER, WORKDIR, EXPOSE), built without a daemon.",
  }),
  goreleaser: z.array(dockerV2Schema),
  resolve(user, facts): ImageRecipe[] {
    const recipes = resolveDockersV2(user, imageFacts(facts));
    for (const [i, r] of recipes.entries()) {
      const { labels, annotations, disable } = r;
      checkTemplates(facts, i, { images: r.repositories, tags: r.tags, labels, annotations, disable });
    }
    return recipes;
  },
});

/** GoReleaser's `dockers`: one platform per entry, combined by `docker_manifests`. */
export const dockersSection = defineSection({
  key: "dockers",
  goship: z.array(dockerV1Schema).meta({
    description:
      "GoReleaser's dockers: one single-platform image per entry from a Dockerfile subset, built without a daemon.",
  }),
  goreleaser: z.array(dockerV1Schema),
  resolve(user, facts): ImageRecipe[] {
    const recipes = resolveDockersV1(user, imageFacts(facts));
    for (const [i, r] of recipes.entries()) {
      checkTemplates(facts, i, { image_templates: r.references, skip_push: r.skipPush });
    }
    return recipes;
  },
});

/** GoReleaser's `docker_manifests`: image indexes over images this release builds. */
export const dockerManifestsSection = defineSection({
  key: "docker_manifests",
  goship: z
    .array(dockerManifestSchema)
    .meta({ description: "GoReleaser's docker_manifests: image indexes over images this release builds." }),
  goreleaser: z.array(dockerManifestSchema),
  resolve(user, facts): ManifestRecipe[] {
    const recipes = resolveManifests(user, imageFacts(facts));
    for (const [i, r] of recipes.entries()) {
      const fields = {
        name_template: r.nameTemplate,
        image_templates: r.imageTemplates,
        skip_push: r.skipPush,
      };
      checkTemplates(facts, i, fields);
    }
    return recipes;
  },
});
