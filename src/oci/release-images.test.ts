import { describe, expect, it } from "vitest";
import { type ImageFacts, resolveDockersV1, resolveKos, resolveManifests } from "./config.js";
import { buildReleaseImages, koRepository, type RenderedImage } from "./release-images.js";

const facts: ImageFacts = { flavor: "goreleaser", projectName: "hello", env: {}, problem: () => {} };
const binaries = ["amd64", "arm64"].map((goarch) => ({
  target: { goos: "linux", goarch },
  binary: "hello",
  build: "hello",
  packagePath: "example.com/hello/cmd/hello",
  data: Buffer.from(`bin-${goarch}`),
}));
const files: Record<string, string> = {
  Dockerfile: 'FROM scratch\nCOPY hello /usr/bin/hello\nENTRYPOINT ["/usr/bin/hello"]\n',
};
const common = {
  binaries,
  time: 1709294400,
  standard: { "org.opencontainers.image.version": "v1.2.3" },
  readFile: async (rel: string) => ({ data: Buffer.from(files[rel] ?? ""), mode: 0o644 }),
  loadBase: async () => undefined,
};

describe("release images", () => {
  it("names ko repositories as ko does", () => {
    expect(koRepository("ghcr.io/o", "example.com/a/cmd/api", "bare")).toBe("ghcr.io/o");
    expect(koRepository("ghcr.io/o", "example.com/a/cmd/api", "preserve")).toBe(
      "ghcr.io/o/example.com/a/cmd/api",
    );
    expect(koRepository("ghcr.io/o", "example.com/a/cmd/api", "base")).toBe("ghcr.io/o/api");
    expect(koRepository("ghcr.io/o", "example.com/a/cmd/api", "md5")).toMatch(
      /^ghcr\.io\/o\/api-[0-9a-f]{32}$/,
    );
  });

  it("builds a kos index and combines dockers images with docker_manifests", async () => {
    const [ko] = resolveKos(
      [
        {
          repositories: ["r.example/o"],
          bare: true,
          base_image: "scratch",
          platforms: ["linux/amd64", "linux/arm64"],
          tags: ["v1"],
        },
      ],
      facts,
    );
    const dockers = resolveDockersV1(
      [
        { goarch: "amd64", image_templates: ["r.example/o/d:v1-amd64"] },
        { goarch: "arm64", image_templates: ["r.example/o/d:v1-arm64"], skip_push: "true" },
      ],
      facts,
    );
    const [manifest] = resolveManifests(
      [
        {
          name_template: "r.example/o/d:v1",
          image_templates: ["r.example/o/d:v1-amd64", "r.example/o/d:v1-arm64"],
        },
      ],
      facts,
    );
    const render = (recipe: NonNullable<typeof ko>): RenderedImage => ({
      recipe,
      references: recipe.references,
      labels: recipe.labels,
      annotations: recipe.annotations,
      buildArgs: {},
      skipPush: recipe.skipPush === "true",
    });
    const result = await buildReleaseImages({
      ...common,
      images: [render(ko as NonNullable<typeof ko>), ...dockers.map(render)],
      manifests: [
        {
          id: "m",
          reference: manifest?.nameTemplate ?? "",
          images: manifest?.imageTemplates ?? [],
          skipPush: false,
        },
      ],
    });
    expect(result.records.map((r) => [r.reference, r.platforms.join(","), r.push])).toEqual([
      ["r.example/o/d:v1", "linux/amd64,linux/arm64", true],
      ["r.example/o/d:v1-amd64", "linux/amd64", true],
      ["r.example/o/d:v1-arm64", "linux/arm64", false],
      ["r.example/o:v1", "linux/amd64,linux/arm64", true],
    ]);
    const index = JSON.parse(
      Buffer.from(result.files.find((f) => f.path === "index.json")?.bytes ?? []).toString(),
    );
    expect(index.manifests).toHaveLength(4);
  });

  it("says which platform has no binary", async () => {
    const [ko] = resolveKos(
      [{ repositories: ["r.example/o"], base_image: "scratch", platforms: ["linux/riscv64"] }],
      facts,
    );
    const image = {
      recipe: ko as NonNullable<typeof ko>,
      references: [],
      labels: {},
      annotations: {},
      buildArgs: {},
      skipPush: false,
    };
    await expect(buildReleaseImages({ ...common, images: [image], manifests: [] })).rejects.toThrow(
      /kos\[0\]: no linux\/riscv64 binary of build hello was built/,
    );
  });
});
