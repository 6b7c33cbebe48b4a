// Image config sections under GoReleaser's key names (kos, dockers_v2, dockers, docker_manifests),
// resolved into one list of image recipes that the images step builds.
import { z } from "zod";

/** yaml.v3 decodes any scalar into a Go string field: 6 → "6", true → "true". */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const list = z.array(scalar);
const map = z.record(z.string(), scalar);

export const koSchema = z.looseObject({
  id: scalar.optional().meta({ description: "Id of this image. @default the project name" }),
  build: scalar.optional().meta({ description: "Id of the build whose binary goes in. @default the id" }),
  main: scalar
    .optional()
    .meta({ description: "Main package (only its name is used: goship puts the release's binary in)." }),
  working_dir: scalar
    .optional()
    .meta({ description: "Accepted for GoReleaser files; goship uses the binary its build made." }),
  base_image: scalar.optional().meta({
    description:
      'Base image: `scratch`, a registry reference (pulled and pinned by digest) or `oci:<dir>[:<ref>]`. @default "cgr.dev/chainguard/static" in GoReleaser files, "scratch" in goship.yaml',
  }),
  labels: map.optional().meta({ description: "Image config labels (templates)." }),
  annotations: map.optional().meta({ description: "Manifest (and index) annotations (templates)." }),
  user: scalar.optional().meta({ description: "User the entrypoint runs as." }),
  repositories: list.optional().meta({
    description: "Repositories to push to (`registry/owner/name`); `KO_DOCKER_REPO` replaces them.",
  }),
  repository: scalar.optional().meta({ description: "Deprecated single repository." }),
  platforms: list.optional().meta({
    description:
      '`os/arch[/variant]` platforms; each needs a linux binary of that target. @default ["linux/amd64"]',
  }),
  tags: list.optional().meta({ description: 'Tags (templates). @default ["latest"]' }),
  creation_time: scalar
    .optional()
    .meta({ description: "Accepted for GoReleaser files; every image time is the commit time." }),
  ko_data_creation_time: scalar
    .optional()
    .meta({ description: "Accepted for GoReleaser files; every file time is the commit time." }),
  sbom: scalar
    .optional()
    .meta({ description: "Accepted; SBOM attestations for images come with goship's supply-chain support." }),
  sbom_directory: scalar.optional().meta({ description: "Accepted; see sbom." }),
  ldflags: list
    .optional()
    .meta({ description: "Accepted; the image holds the build's own binary (no second Go build)." }),
  flags: list
    .optional()
    .meta({ description: "Accepted; the image holds the build's own binary (no second Go build)." }),
  env: list
    .optional()
    .meta({ description: "Accepted; the image holds the build's own binary (no second Go build)." }),
  bare: z
    .boolean()
    .optional()
    .meta({ description: "Push to the repository as it is (no package name appended). @default false" }),
  preserve_import_paths: z
    .boolean()
    .optional()
    .meta({ description: "Append the main package's full import path to the repository. @default false" }),
  base_import_paths: z
    .boolean()
    .optional()
    .meta({ description: "Append the main package's last path element to the repository. @default false" }),
  local_domain: scalar.optional().meta({ description: "Accepted; goship never loads images into a daemon." }),
  disable: scalar.optional().meta({ description: 'Template; "true" skips this image.' }),
});

export const dockerV2Schema = z.looseObject({
  id: scalar.optional().meta({ description: "Id of this entry. @default the project name" }),
  ids: list
    .optional()
    .meta({ description: "Build ids whose binaries are put in the build context. @default every build" }),
  dockerfile: scalar.optional().meta({
    description:
      'Dockerfile (template), built natively: only FROM, COPY, ADD, ENTRYPOINT, CMD, ENV, ARG, LABEL, USER, WORKDIR, EXPOSE. @default "Dockerfile"',
  }),
  images: list.optional().meta({ description: "Image names without tag (templates)." }),
  tags: list.optional().meta({ description: 'Tags (templates). @default ["{{.Tag}}"]' }),
  labels: map.optional().meta({ description: "Image config labels (templates)." }),
  annotations: map.optional().meta({ description: "Manifest and index annotations (templates)." }),
  extra_files: list
    .optional()
    .meta({ description: "Files copied into the build context at the same relative path." }),
  platforms: list.optional().meta({ description: '@default ["linux/amd64", "linux/arm64"]' }),
  build_args: map.optional().meta({ description: "Build arguments for the Dockerfile's ARGs (templates)." }),
  retry: z.looseObject({}).optional().meta({
    description: "Accepted; registry requests are retried with back-off, a bounded number of times.",
  }),
  flags: list
    .optional()
    .meta({ description: "Accepted; the image holds the build's own binary (no second Go build)." }),
  disable: scalar.optional().meta({ description: 'Template; "true" skips this entry.' }),
  sbom: scalar
    .optional()
    .meta({ description: "Accepted; SBOM attestations for images come with goship's supply-chain support." }),
});

export const dockerV1Schema = z.looseObject({
  id: scalar.optional().meta({ description: "Id of this entry. @default the project name" }),
  ids: list.optional().meta({ description: "Build ids whose binaries are used. @default every build" }),
  goos: scalar.optional().meta({ description: '@default "linux"' }),
  goarch: scalar.optional().meta({ description: '@default "amd64"' }),
  goarm: scalar.optional().meta({ description: '@default "6"' }),
  goamd64: scalar.optional().meta({ description: '@default "v1"' }),
  dockerfile: scalar.optional().meta({ description: '@default "Dockerfile"' }),
  image_templates: list.optional().meta({ description: "Full image references with tags (templates)." }),
  skip_push: scalar.optional().meta({ description: 'Template; "true" builds the image without pushing it.' }),
  extra_files: list
    .optional()
    .meta({ description: "Files copied into the build context at the same relative path." }),
  build_flag_templates: list.optional().meta({
    description: "`--label`, `--build-arg` and `--platform` flags are understood; others are ignored.",
  }),
  push_flags: list
    .optional()
    .meta({ description: "Accepted and ignored: goship pushes through the registry API." }),
  use: scalar.optional().meta({ description: "Accepted and ignored: goship needs no docker or buildx." }),
  retry: z.looseObject({}).optional().meta({
    description: "Accepted; registry requests are retried with back-off, a bounded number of times.",
  }),
});

export const dockerManifestSchema = z.looseObject({
  id: scalar.optional().meta({ description: "Id of this entry. @default the project name" }),
  name_template: scalar.optional().meta({ description: "The index's reference (template)." }),
  skip_push: scalar.optional().meta({ description: 'Template; "true" builds the index without pushing it.' }),
  image_templates: list.optional().meta({
    description: "References of images built by `dockers`/`dockers_v2`/`kos` (templates) to combine.",
  }),
  create_flags: list
    .optional()
    .meta({ description: "Accepted and ignored: goship writes the index itself." }),
  push_flags: list
    .optional()
    .meta({ description: "Accepted and ignored: goship pushes through the registry API." }),
  use: scalar.optional().meta({ description: "Accepted and ignored: goship needs no docker or buildx." }),
  retry: z.looseObject({}).optional().meta({
    description: "Accepted; registry requests are retried with back-off, a bounded number of times.",
  }),
});

export type KoUser = z.infer<typeof koSchema>;
export type DockerV2User = z.infer<typeof dockerV2Schema>;
export type DockerV1User = z.infer<typeof dockerV1Schema>;
export type DockerManifestUser = z.infer<typeof dockerManifestSchema>;

/** How the files of an image are laid out. */
export type Recipe =
  | {
      readonly kind: "ko";
      readonly baseImage: string;
      readonly user: string;
      readonly namer: "bare" | "preserve" | "base" | "md5";
    }
  | {
      readonly kind: "dockerfile";
      readonly dockerfile: string;
      readonly extraFiles: readonly string[];
      /** dockers (v1): binaries at the context root rather than under `<os>/<arch>/`. */
      readonly flatContext: boolean;
      readonly buildArgs: Readonly<Record<string, string>>;
    }
  | { readonly kind: "plain" };

/** One image to build, from any of the sections or `--image`. */
export interface ImageRecipe {
  readonly section: "kos" | "dockers_v2" | "dockers" | "image";
  readonly index: number;
  readonly id: string;
  /** Build ids whose binaries go in; empty means every build. */
  readonly ids: readonly string[];
  /** `os/arch[/variant]`. */
  readonly platforms: readonly string[];
  readonly recipe: Recipe;
  /** Repositories (ko) or image names (dockers_v2) to combine with tags; templates. */
  readonly repositories: readonly string[];
  readonly tags: readonly string[];
  /** Complete references (dockers v1 `image_templates`); templates. */
  readonly references: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly skipPush: string;
  readonly disable: string;
}

export interface ManifestRecipe {
  readonly index: number;
  readonly id: string;
  readonly nameTemplate: string;
  readonly imageTemplates: readonly string[];
  readonly skipPush: string;
}

export interface ResolvedImages {
  readonly images: readonly ImageRecipe[];
  readonly manifests: readonly ManifestRecipe[];
}

export interface ImageFacts {
  readonly flavor: "goship" | "goreleaser";
  readonly projectName: string;
  readonly env: NodeJS.ProcessEnv;
  problem(at: ReadonlyArray<PropertyKey>, message: string): void;
}

export function resolveKos(user: readonly KoUser[] | undefined, facts: ImageFacts): ImageRecipe[] {
  return (user ?? []).map((ko, index) => {
    const id = ko.id ?? facts.projectName;
    let repositories = [...(ko.repositories ?? []), ...(ko.repository ? [ko.repository] : [])];
    if (facts.env.KO_DOCKER_REPO) repositories = [facts.env.KO_DOCKER_REPO];
    if (repositories.length === 0) {
      facts.problem(
        [index, "repositories"],
        "missing repositories: set repositories or the KO_DOCKER_REPO variable",
      );
    }
    const namer = ko.bare
      ? "bare"
      : ko.preserve_import_paths
        ? "preserve"
        : ko.base_import_paths
          ? "base"
          : "md5";
    return {
      section: "kos",
      index,
      id,
      ids: [ko.build ?? id],
      platforms: ko.platforms && ko.platforms.length > 0 ? ko.platforms : ["linux/amd64"],
      recipe: {
        kind: "ko",
        baseImage: ko.base_image ?? (facts.flavor === "goreleaser" ? "cgr.dev/chainguard/static" : "scratch"),
        user: ko.user ?? "",
        namer,
      },
      repositories,
      tags: ko.tags && ko.tags.length > 0 ? ko.tags : ["latest"],
      references: [],
      labels: ko.labels ?? {},
      annotations: ko.annotations ?? {},
      skipPush: "",
      disable: ko.disable ?? "",
    };
  });
}

export function resolveDockersV2(
  user: readonly DockerV2User[] | undefined,
  facts: ImageFacts,
): ImageRecipe[] {
  return (user ?? []).map((d, index) => {
    if (!d.images || d.images.length === 0)
      facts.problem([index, "images"], "no images: list at least one image name");
    return {
      section: "dockers_v2",
      index,
      id: d.id ?? facts.projectName,
      ids: d.ids ?? [],
      platforms: d.platforms && d.platforms.length > 0 ? d.platforms : ["linux/amd64", "linux/arm64"],
      recipe: {
        kind: "dockerfile",
        dockerfile: d.dockerfile ?? "Dockerfile",
        extraFiles: d.extra_files ?? [],
        flatContext: false,
        buildArgs: d.build_args ?? {},
      },
      repositories: d.images ?? [],
      tags: d.tags && d.tags.length > 0 ? d.tags : ["{{.Tag}}"],
      references: [],
      labels: d.labels ?? {},
      annotations: d.annotations ?? {},
      skipPush: "",
      disable: d.disable ?? "",
    };
  });
}

/** GoReleaser's `--label k=v` and `--build-arg k=v` flags of `build_flag_templates`. */
function flagPairs(flags: readonly string[], name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const match = new RegExp(`^${name}[= ](.*)$`).exec(flag.trim());
    const pair = match?.[1] ?? "";
    const eq = pair.indexOf("=");
    if (match && eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function resolveDockersV1(
  user: readonly DockerV1User[] | undefined,
  facts: ImageFacts,
): ImageRecipe[] {
  return (user ?? []).map((d, index) => {
    const goarch = d.goarch ?? "amd64";
    const variant =
      goarch === "arm"
        ? `/v${d.goarm ?? "6"}`
        : goarch === "amd64" && d.goamd64 && d.goamd64 !== "v1"
          ? `/${d.goamd64}`
          : "";
    if (!d.image_templates || d.image_templates.length === 0) {
      facts.problem([index, "image_templates"], "no image_templates: list at least one image reference");
    }
    const flags = d.build_flag_templates ?? [];
    return {
      section: "dockers",
      index,
      id: d.id ?? `${facts.projectName}-${index}`,
      ids: d.ids ?? [],
      platforms: [`${d.goos ?? "linux"}/${goarch}${variant}`],
      recipe: {
        kind: "dockerfile",
        dockerfile: d.dockerfile ?? "Dockerfile",
        extraFiles: d.extra_files ?? [],
        flatContext: true,
        buildArgs: flagPairs(flags, "--build-arg"),
      },
      repositories: [],
      tags: [],
      references: d.image_templates ?? [],
      labels: flagPairs(flags, "--label"),
      annotations: {},
      skipPush: d.skip_push ?? "",
      disable: "",
    };
  });
}

export function resolveManifests(
  user: readonly DockerManifestUser[] | undefined,
  facts: ImageFacts,
): ManifestRecipe[] {
  return (user ?? []).map((m, index) => {
    if (!m.name_template)
      facts.problem([index, "name_template"], "missing name_template: the reference of the index");
    if (!m.image_templates || m.image_templates.length === 0) {
      facts.problem([index, "image_templates"], "no image_templates: list the images to combine");
    }
    return {
      index,
      id: m.id ?? m.name_template ?? String(index),
      nameTemplate: m.name_template ?? "",
      imageTemplates: m.image_templates ?? [],
      skipPush: m.skip_push ?? "",
    };
  });
}
