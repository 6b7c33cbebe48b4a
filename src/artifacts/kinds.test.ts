import { describe, expect, it } from "vitest";
import type { KindPublisher } from "./kind-publisher.js";
import { KindRegistry } from "./kinds.js";

describe("KindRegistry.publishersOf", () => {
  it("gives each declared publisher its kinds' artifacts, in declaration order, once", () => {
    const images: KindPublisher = { name: "images", publish: async () => {} };
    const channels: KindPublisher = { name: "channels", publish: async () => {} };
    const kinds = new KindRegistry([
      { archive: { category: "archive", uploaded: true } },
      { "image-layout": { category: "image", publisher: images } },
      {
        manifest: { category: "manifest", publisher: channels },
        "npm-package": { category: "package", publisher: channels },
      },
    ] as never);
    const groups = kinds.publishersOf([
      { kind: "npm-package", name: "a.tgz" },
      { kind: "archive", name: "t.tar.gz" },
      { kind: "manifest", name: "tool.rb" },
    ]);
    expect(groups.map((g) => [g.publisher.name, g.artifacts.map((a) => a.name)])).toEqual([
      ["channels", ["tool.rb", "a.tgz"]],
    ]);
  });
});
