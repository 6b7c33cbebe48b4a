// The images step: after the binaries are built, wraps the linux ones into OCI images (kos,
// dockers_v2, dockers, docker_manifests, --image) and stages one OCI layout at dist/images/.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import { byKind } from "../artifacts/registry.js";
import { sectionOf } from "../config/section.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { baseFromLayout, baseFromRegistry, parseBaseSource } from "./base-image.js";
import { rfc3339 } from "./build.js";
import type { ImageRecipe } from "./config.js";
import { ImageConfigError } from "./errors.js";
import { type BaseImage, standardAnnotations } from "./image.js";
import type { Platform } from "./media-types.js";
import { formatPlatform, platformOf } from "./platform.js";
import { IMAGE_LAYOUT_KIND, imagesPublisher } from "./publish.js";
import { parseReference } from "./reference.js";
import { RegistryClient } from "./registry/client.js";
import { credentialFor, readDockerConfig } from "./registry/credentials.js";
import {
  buildReleaseImages,
  type ImageBinary,
  type ImageRecord,
  type RenderedImage,
  type RenderedManifest,
} from "./release-images.js";
import { dockerManifestsSection, dockersSection, dockersV2Section, kosSection } from "./sections.js";
import { verifyLayout } from "./verify-layout.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    /** The OCI layout's index.json: every image reference, its digest and platforms. */
    "image-layout": { readonly images: readonly ImageRecord[] };
    /** A blob of the layout (and its `oci-layout` marker), named by its path. */
    "image-blob": Record<never, never>;
  }
}

const LAYOUT_DIR = "images";

/** What `goship verify` checks: every blob under index.json is present and matches its digest. */
async function verifyImageLayout(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<CheckResult[]> {
  return verifyLayout(file.bytes, path.posix.dirname(artifact.path), (rel) => vctx.read(rel));
}

function recipesOf(ctx: ReleaseContext): ImageRecipe[] {
  const config = need(ctx, "config");
  const fromConfig = [kosSection, dockersV2Section, dockersSection].flatMap((s) => sectionOf(config, s));
  const flag = ctx.options.image;
  if (!flag) return fromConfig;
  const linux = (ctx.targets ?? []).filter((t) => t.goos === "linux");
  const reference = parseReference(flag);
  const release = need(ctx, "release");
  // A tag in --image is used as it is; otherwise the version, and latest for a real release.
  const tags = reference.tag ? [reference.tag] : [release.version, ...(release.snapshot ? [] : ["latest"])];
  return [
    ...fromConfig,
    {
      section: "image",
      index: 0,
      id: "image",
      ids: [],
      platforms: [...new Set(linux.map((t) => formatPlatform(platformOf(t))))],
      recipe: { kind: "plain" },
      repositories: [],
      tags: [],
      references: tags.map((tag) => `${reference.registry}/${reference.repository}:${tag}`),
      labels: {},
      annotations: {},
      skipPush: "",
      disable: "",
    },
  ];
}

export const imagesStep: Step = {
  name: "building container images",
  section: kosSection,
  inner: [{ section: dockersV2Section }, { section: dockersSection }, { section: dockerManifestsSection }],
  produces: {
    [IMAGE_LAYOUT_KIND]: {
      category: "image",
      checksummed: true,
      publishOrder: "index",
      verify: verifyImageLayout,
      publisher: imagesPublisher,
    },
    "image-blob": { category: "image-blob" },
  },
  skip(ctx) {
    const config = need(ctx, "config");
    const none = recipesOf(ctx).length === 0 && sectionOf(config, dockerManifestsSection).length === 0;
    return none ? "no kos, dockers_v2, dockers, docker_manifests or --image" : undefined;
  },
  async run(ctx) {
    const release = need(ctx, "release");
    const moduleDir = ctx.module?.dir ?? ctx.options.dir;
    const fields = releaseFields(ctx);
    const isTrue = (text: string, at: string) => {
      const value = render(ctx, text, at, fields).trim();
      return value === "true" || (value === "auto" && String(fields.Prerelease ?? "") !== "");
    };
    const images: RenderedImage[] = [];
    for (const recipe of recipesOf(ctx)) {
      const at = `${recipe.section}[${recipe.index}]`;
      if (recipe.disable && isTrue(recipe.disable, `${at}.disable`)) continue;
      const list = (values: readonly string[], key: string) =>
        values.map((v, i) => render(ctx, v, `${at}.${key}[${i}]`, fields).trim()).filter(Boolean);
      const map = (values: Readonly<Record<string, string>>, key: string) =>
        Object.fromEntries(
          Object.entries(values)
            .map(([k, v]) => [k, render(ctx, v, `${at}.${key}.${k}`, fields)] as const)
            .filter(([k, v]) => k !== "" && v !== ""),
        );
      const tags = list(recipe.tags, "tags");
      const repositories = list(recipe.repositories, recipe.section === "kos" ? "repositories" : "images");
      const references =
        recipe.recipe.kind === "dockerfile" && recipe.section === "dockers_v2"
          ? repositories.flatMap((r) => tags.map((t) => `${r}:${t}`))
          : list(recipe.references, "image_templates");
      const rendered = { ...recipe, tags, repositories };
      images.push({
        recipe: rendered,
        references,
        labels: map(recipe.labels, "labels"),
        annotations: map(recipe.annotations, "annotations"),
        buildArgs: recipe.recipe.kind === "dockerfile" ? map(recipe.recipe.buildArgs, "build_args") : {},
        dockerfile:
          recipe.recipe.kind === "dockerfile"
            ? render(ctx, recipe.recipe.dockerfile, `${at}.dockerfile`, fields)
            : undefined,
        skipPush: recipe.skipPush !== "" && isTrue(recipe.skipPush, `${at}.skip_push`),
      });
    }
    const manifests: RenderedManifest[] = sectionOf(need(ctx, "config"), dockerManifestsSection).map((m) => {
      const at = `docker_manifests[${m.index}]`;
      return {
        id: m.id,
        reference: render(ctx, m.nameTemplate, `${at}.name_template`, fields).trim(),
        images: m.imageTemplates
          .map((t, i) => render(ctx, t, `${at}.image_templates[${i}]`, fields).trim())
          .filter(Boolean),
        skipPush: m.skipPush !== "" && isTrue(m.skipPush, `${at}.skip_push`),
      };
    });
    if (images.length === 0 && manifests.length === 0) return;

    const binaries = await imageBinaries(ctx, images);
    const modulePath = need(ctx, "module").path;
    const source = modulePath.split("/")[0]?.includes(".") ? `https://${modulePath}` : undefined;
    const created = rfc3339(release.time);
    const result = await buildReleaseImages({
      images,
      manifests,
      binaries,
      time: release.time,
      standard: standardAnnotations({ source, revision: release.commit, version: release.version, created }),
      readFile: async (rel) => {
        const full = path.resolve(moduleDir, rel);
        try {
          const [data, info] = await Promise.all([readFile(full), stat(full)]);
          return { data, mode: info.mode };
        } catch {
          throw new ImageConfigError(
            `${rel} was not found in the module directory; images read Dockerfiles and extra files from there`,
          );
        }
      },
      loadBase: baseLoader(ctx, moduleDir),
    });
    for (const file of result.files) {
      const rel = `${LAYOUT_DIR}/${file.path}`;
      const written = await writeStaged(ctx, rel, file.bytes);
      const common = { name: rel, path: rel, size: written.size, sha256: written.sha256 };
      const producedBy = {
        step: imagesStep.name,
        inputs: binaries.map((b) => ({ name: b.name, sha256: b.sha256 })),
      };
      if (file.path === "index.json")
        ctx.artifacts.add({ ...common, kind: IMAGE_LAYOUT_KIND, images: result.records, producedBy });
      else ctx.artifacts.add({ ...common, kind: "image-blob", producedBy });
    }
    for (const record of result.records) {
      ctx.log.info("image", {
        reference: record.reference,
        digest: record.digest,
        platforms: record.platforms.join(","),
        push: record.push,
      });
    }
  },
};

/** The linux binaries the recipes need, read from staging; `--image` takes the project's main binary. */
async function imageBinaries(
  ctx: ReleaseContext,
  images: readonly RenderedImage[],
): Promise<Array<ImageBinary & { name: string; sha256: string }>> {
  const all = ctx.artifacts.filter(byKind("binary")).filter((b) => b.target.goos === "linux");
  const project = need(ctx, "config").projectName;
  const plainOnly = images.every((i) => i.recipe.recipe.kind === "plain");
  const names = [...new Set(all.map((b) => b.binary))];
  const main = names.includes(project) ? project : names.sort()[0];
  const chosen = plainOnly ? all.filter((b) => b.binary === main) : all;
  return Promise.all(
    chosen.map(async (b) => ({
      target: b.target,
      binary: b.binary,
      build: b.build,
      packagePath: b.packagePath,
      data: await readFile(await stagedPath(ctx, b.path)),
      name: b.name,
      sha256: b.sha256,
    })),
  );
}

/** Reads each base once per platform; registry bases use Docker's credentials. */
function baseLoader(ctx: ReleaseContext, moduleDir: string) {
  const cache = new Map<string, Promise<BaseImage | undefined>>();
  return (text: string, platform: Platform): Promise<BaseImage | undefined> => {
    const key = `${text}\0${formatPlatform(platform)}`;
    let loaded = cache.get(key);
    if (!loaded) {
      const source = parseBaseSource(text, (p) => path.resolve(moduleDir, p));
      loaded = (async () => {
        if (source.kind === "scratch") return undefined;
        if (source.kind === "layout") return baseFromLayout(source, platform);
        const ref = parseReference(source.reference);
        const credential = await credentialFor(
          await readDockerConfig(ctx.env),
          ref.registry,
          ctx.exec,
          ctx.env,
        );
        const client = new RegistryClient(ref.registry, { credential, signal: ctx.signal });
        return baseFromRegistry(client, source.reference, platform);
      })();
      cache.set(key, loaded);
    }
    return loaded;
  };
}
