import { describe, expect, it } from "vitest";
import type { PublishEnvironment } from "../artifacts/kind-publisher.js";
import { IMAGE_LAYOUT_KIND, imagesPublisher } from "./publish.js";

const image = (reference: string, push: boolean) => ({
  reference,
  digest: `sha256:${"1".repeat(64)}`,
  mediaType: "application/vnd.oci.image.index.v1+json",
  platforms: ["linux/amd64"],
  push,
  source: "kos[0]",
  bases: [],
});

describe("imagesPublisher", () => {
  it("on --dry-run, names every reference it would push (not skip_push ones) and sends nothing", async () => {
    const logged: string[] = [];
    const penv = {
      distDir: "/nonexistent",
      dryRun: true,
      env: {},
      exec: () => Promise.reject(new Error("no command may run")),
      log: { info: (m: string, f?: Record<string, unknown>) => logged.push(`${m} ${JSON.stringify(f)}`) },
    } as unknown as PublishEnvironment;
    await imagesPublisher.publish(
      [
        {
          kind: IMAGE_LAYOUT_KIND,
          name: "index.json",
          path: "images/index.json",
          size: 1,
          sha256: "0".repeat(64),
          images: [image("ghcr.io/acme/tool:v1.2.3", true), image("ghcr.io/acme/tool:local", false)],
        },
      ],
      penv,
    );
    expect(logged).toEqual(['would push image {"reference":"ghcr.io/acme/tool:v1.2.3"}']);
  });
});
