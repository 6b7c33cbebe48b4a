// Builds every image of a release from its binaries: per recipe an image set (one image per
// platform, an index over several), docker_manifests indexes over them, and one OCI layout.
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { Target } from "../go/targets.js";
import type { Blob } from "./blob.js";
import { buildImageSet, combineImages, type PlatformInput } from "./build.js";
import type { ImageRecipe } from "./config.js";
import { parseDockerfile } from "./dockerfile.js";
import { type BuildContext, planDockerfile } from "./dockerfile-plan.js";
import { ImageConfigError } from "./errors.js";
import type { BaseImage, RunSettings } from "./image.js";
import { type LayoutFile, layoutFiles, withRefName } from "./layout.js";
import { type Descriptor, isIndexType, type Platform } from "./media-types.js";
import { formatPlatform, parsePlatform, platformMatches, platformOf } from "./platform.js";
import { formatReference, parseReference } from "./reference.js";

export interface ImageBinary {
  readonly target: Target;
  /** Plain binary name (`api`). */
  readonly binary: string;
  readonly build: string;
  readonly packagePath: string;
  readonly data: Uint8Array;
}

/** A recipe with its templates rendered. */
export interface RenderedImage {
  readonly recipe: ImageRecipe;
  /** Complete references (`registry/repo:tag`), before the ko namer for kos. */
  readonly references: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Dockerfile path relative to the module directory. */
  readonly dockerfile?: string;
  readonly skipPush: boolean;
}

export interface RenderedManifest {
  readonly id: string;
  readonly reference: string;
  readonly images: readonly string[];
  readonly skipPush: boolean;
}

export interface ReleaseImagesInput {
  readonly images: readonly RenderedImage[];
  readonly manifests: readonly RenderedManifest[];
  readonly binaries: readonly ImageBinary[];
  readonly time: number;
  /** The org.opencontainers.image.* annotations of the release. */
  readonly standard: Readonly<Record<string, string>>;
  /** Reads a file of the module (Dockerfiles, extra files), relative to its directory. */
  readFile(rel: string): Promise<{ data: Uint8Array; mode: number }>;
  loadBase(text: string, platform: Platform): Promise<BaseImage | undefined>;
}

/** What the layout holds and where each reference goes. */
export interface ImageRecord {
  readonly reference: string;
  readonly digest: string;
  readonly mediaType: string;
  readonly platforms: readonly string[];
  readonly push: boolean;
  /** `kos[0]`, `dockers_v2[1]`, `docker_manifests[0]`, `--image`. */
  readonly source: string;
  /** Bases by platform, pinned: `linux/amd64 gcr.io/distroless/static@sha256:…`. */
  readonly bases: readonly string[];
}

export interface ReleaseImages {
  readonly files: readonly LayoutFile[];
  readonly records: readonly ImageRecord[];
}

/** ko's repository naming: bare, the full import path, its last element, or last element + md5. */
export function koRepository(repository: string, importPath: string, namer: string): string {
  if (namer === "bare") return repository;
  if (namer === "preserve") return posix.join(repository, importPath);
  const base = posix.basename(importPath);
  if (namer === "base") return posix.join(repository, base);
  return posix.join(repository, `${base}-${createHash("md5").update(importPath).digest("hex")}`);
}

function sourceName(recipe: ImageRecipe): string {
  return recipe.section === "image" ? "--image" : `${recipe.section}[${recipe.index}]`;
}

function normalMode(mode: number): number {
  return mode & 0o111 ? 0o755 : 0o644;
}

function binariesFor(
  recipe: ImageRecipe,
  platform: Platform,
  binaries: readonly ImageBinary[],
): ImageBinary[] {
  return binaries.filter(
    (b) =>
      b.target.goos === platform.os &&
      platformMatches(platform, platformOf(b.target)) &&
      (recipe.ids.length === 0 || recipe.ids.includes(b.build)),
  );
}

export async function buildReleaseImages(input: ReleaseImagesInput): Promise<ReleaseImages> {
  const blobs: Blob[] = [];
  const entries: Descriptor[] = [];
  const records: ImageRecord[] = [];
  /** Every built reference → its root descriptor, for docker_manifests. */
  const built = new Map<string, { descriptor: Descriptor; manifests: Descriptor[] }>();

  for (const image of input.images) {
    const { recipe } = image;
    const where = sourceName(recipe);
    const platforms = recipe.platforms.map((text) => {
      const platform = parsePlatform(text);
      if (!platform)
        throw new ImageConfigError(`${where}: platform ${JSON.stringify(text)} is not os/arch[/variant]`);
      return platform;
    });
    const inputs: PlatformInput[] = [];
    const bases: string[] = [];
    let settings: RunSettings = {};
    let importPath = "";
    for (const platform of platforms) {
      const found = binariesFor(recipe, platform, input.binaries);
      const first = found[0];
      if (!first) {
        throw new ImageConfigError(
          `${where}: no ${formatPlatform(platform)} binary${recipe.ids.length ? ` of build ${recipe.ids.join(", ")}` : ""} was built; add that target to the build or remove the platform`,
        );
      }
      importPath = first.packagePath;
      let baseText = "scratch";
      let layers: PlatformInput["layers"];
      if (recipe.recipe.kind === "dockerfile") {
        const file = image.dockerfile ?? recipe.recipe.dockerfile;
        const context = await dockerContext(input, recipe, platforms);
        const text = Buffer.from((await input.readFile(file)).data).toString("utf8");
        const plan = planDockerfile({
          instructions: parseDockerfile(text, file),
          context,
          buildArgs: image.buildArgs,
          platform,
          file,
        });
        baseText = plan.base;
        layers = plan.layers;
        settings = { ...plan.settings, labels: { ...(plan.settings.labels ?? {}), ...image.labels } };
      } else {
        const ko = recipe.recipe.kind === "ko";
        const dir = ko ? "/ko-app" : "/usr/local/bin";
        const target = `${dir}/${first.binary}`;
        if (ko) baseText = recipe.recipe.baseImage;
        layers = [
          {
            files: [{ path: target, mode: ko ? 0o555 : 0o755, data: first.data }],
            createdBy: `goship: ${first.packagePath} → ${target}`,
          },
        ];
        settings = {
          entrypoint: [target],
          env: ko
            ? [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/ko-app",
                "KO_DATA_PATH=/var/run/ko",
              ]
            : ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
          user: recipe.recipe.kind === "ko" && recipe.recipe.user ? recipe.recipe.user : undefined,
          labels: image.labels,
        };
      }
      const base = await input.loadBase(baseText, platform);
      if (base) bases.push(`${formatPlatform(platform)} ${base.name}@${base.digest}`);
      inputs.push({ platform, layers, base });
    }
    const set = await buildImageSet({
      platforms: inputs,
      settings,
      time: input.time,
      annotations: { ...input.standard, ...image.annotations },
    });
    blobs.push(...set.blobs);
    const references =
      recipe.recipe.kind === "ko" ? kosReferences(image, importPath, recipe.recipe.namer) : image.references;
    for (const reference of references) {
      const normal = formatReference(parseReference(reference));
      entries.push(withRefName(set.root, normal));
      built.set(normal, { descriptor: set.root, manifests: set.images.map((i) => i.descriptor) });
      records.push({
        reference: normal,
        digest: set.root.digest,
        mediaType: set.root.mediaType,
        platforms: platforms.map(formatPlatform),
        push: !image.skipPush,
        source: where,
        bases,
      });
    }
  }

  for (const manifest of input.manifests) {
    const children: Descriptor[] = [];
    for (const text of manifest.images) {
      const hit = built.get(formatReference(parseReference(text)));
      if (!hit) {
        throw new ImageConfigError(
          `docker_manifests ${manifest.id}: ${text} is not an image this release builds; list references of dockers, dockers_v2 or kos images`,
        );
      }
      children.push(...(isIndexType(hit.descriptor.mediaType) ? hit.manifests : hit.manifests.slice(0, 1)));
    }
    const combined = combineImages(children, input.standard);
    blobs.push(...combined.blobs);
    const reference = formatReference(parseReference(manifest.reference));
    entries.push(withRefName(combined.root, reference));
    records.push({
      reference,
      digest: combined.root.digest,
      mediaType: combined.root.mediaType,
      platforms: children.map((c) => (c.platform ? formatPlatform(c.platform) : "")),
      push: !manifest.skipPush,
      source: `docker_manifests ${manifest.id}`,
      bases: [],
    });
  }
  return {
    files: layoutFiles(blobs, entries),
    records: records.sort((a, b) => (a.reference < b.reference ? -1 : 1)),
  };
}

function kosReferences(image: RenderedImage, importPath: string, namer: string): string[] {
  return image.recipe.repositories.flatMap((repository) =>
    image.recipe.tags.map((tag) => `${koRepository(repository, importPath, namer)}:${tag}`),
  );
}

/** The build context GoReleaser gives `docker buildx`: extra files, and binaries by platform. */
async function dockerContext(
  input: ReleaseImagesInput,
  recipe: ImageRecipe,
  platforms: readonly Platform[],
): Promise<BuildContext> {
  const context = new Map<string, { data: Uint8Array; mode: number }>();
  if (recipe.recipe.kind !== "dockerfile") return context;
  for (const file of recipe.recipe.extraFiles) {
    const read = await input.readFile(file);
    context.set(posix.normalize(file), { data: read.data, mode: normalMode(read.mode) });
  }
  for (const platform of platforms) {
    for (const binary of binariesFor(recipe, platform, input.binaries)) {
      const at = recipe.recipe.flatContext ? binary.binary : `${formatPlatform(platform)}/${binary.binary}`;
      context.set(at, { data: binary.data, mode: 0o755 });
    }
  }
  return context;
}
