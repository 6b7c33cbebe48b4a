// The `publish` hook: pushes the images a release staged in dist (its OCI layout) to their
// registries. A publisher never builds: everything comes from artifacts.json and the layout.
import path from "node:path";
import type { KindPublisher } from "../artifacts/kind-publisher.js";
import type { Logger } from "../log/logger.js";
import type { Exec } from "../process/exec.js";
import { Layout } from "./layout.js";
import { type PushReport, type PushTarget, pushImages } from "./push.js";
import type { RegistryClientOptions } from "./registry/client.js";
import { credentialFor, readDockerConfig } from "./registry/credentials.js";
import type { ImageRecord } from "./release-images.js";

/** The artifact kind of the layout's index.json, which lists every image reference. */
export const IMAGE_LAYOUT_KIND = "image-layout";

export interface PublishImagesInput {
  /** The released dist directory. */
  readonly distDir: string;
  /** The records of dist/artifacts.json. */
  readonly artifacts: ReadonlyArray<{
    readonly kind: string;
    readonly path: string;
    readonly [field: string]: unknown;
  }>;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  readonly log?: Logger;
  readonly signal?: AbortSignal;
  /** Overrides for tests (retry delays, chunk size). */
  readonly clientOptions?: Omit<RegistryClientOptions, "credential" | "signal">;
}

/** Which references go where: every layout's records that are not `skip_push`. */
export function pushPlan(
  input: Pick<PublishImagesInput, "artifacts">,
): Array<{ layoutDir: string; targets: PushTarget[] }> {
  return input.artifacts
    .filter((a) => a.kind === IMAGE_LAYOUT_KIND)
    .map((a) => {
      const images = (a.images as readonly ImageRecord[] | undefined) ?? [];
      return {
        layoutDir: path.posix.dirname(a.path),
        targets: images
          .filter((i) => i.push)
          .map((i) => ({ layoutRef: i.reference, references: [i.reference] })),
      };
    })
    .filter((p) => p.targets.length > 0);
}

/** Pushes every image of the release; undefined when it has none to push. */
export async function publishImages(input: PublishImagesInput): Promise<PushReport | undefined> {
  const plan = pushPlan(input);
  if (plan.length === 0) return undefined;
  const config = await readDockerConfig(input.env);
  const total = {
    images: [] as PushReport["images"][number][],
    uploaded: 0,
    present: 0,
    mounted: 0,
    bytesUploaded: 0,
  };
  for (const { layoutDir, targets } of plan) {
    const layout = await Layout.open(path.join(input.distDir, ...layoutDir.split("/")));
    const report = await pushImages({
      layout,
      targets,
      credentialFor: (registry) => credentialFor(config, registry, input.exec, input.env),
      clientOptions: { ...input.clientOptions, signal: input.signal },
    });
    total.images.push(...report.images);
    total.uploaded += report.uploaded;
    total.present += report.present;
    total.mounted += report.mounted;
    total.bytesUploaded += report.bytesUploaded;
    for (const image of report.images)
      input.log?.info("pushed image", { reference: image.reference, digest: image.digest });
  }
  input.log?.info("images pushed", {
    images: total.images.length,
    uploaded: total.uploaded,
    present: total.present,
    mounted: total.mounted,
  });
  return total;
}

/** The images' publisher, declared on the layout's kind: `publish` pushes them after the forge release. */
export const imagesPublisher: KindPublisher = {
  name: "pushing images",
  async publish(artifacts, penv) {
    if (penv.dryRun) {
      for (const { targets } of pushPlan({ artifacts }))
        for (const t of targets) penv.log.info("would push image", { reference: t.references.join(", ") });
      return;
    }
    await publishImages({
      distDir: penv.distDir,
      artifacts,
      env: penv.env,
      exec: penv.exec,
      log: penv.log,
      signal: penv.signal,
    });
  },
};
