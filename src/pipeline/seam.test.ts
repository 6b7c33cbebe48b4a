// The format seam: a kind declared from outside artifacts/, its traits selecting it, its config
// section resolved and typed, and facts shared through typed keys.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Artifact } from "../artifacts/artifact.js";
import { KindRegistry } from "../artifacts/kinds.js";
import { ArtifactRegistry } from "../artifacts/registry.js";
import { ConfigError } from "../config/errors.js";
import { parseConfigText } from "../config/load.js";
import { defaultConfig, type ProjectFacts, resolveGoshipConfig } from "../config/resolve.js";
import { configJsonSchema } from "../config/schema.js";
import { defineSection, sectionOf } from "../config/section.js";
import type { Target } from "../go/targets.js";
import { Facts, factKey } from "./facts.js";
import { kindsOf, type Step, sectionsOf, type TargetStep } from "./step.js";
import { forEachTarget } from "./targets.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    "test-package": { readonly target: Target; readonly format: "deb" | "rpm" };
  }
}

const packageSection = defineSection({
  key: "test_packages",
  goship: z.array(z.strictObject({ id: z.string().optional(), formats: z.array(z.enum(["deb", "rpm"])) })),
  goreleaser: z.array(z.looseObject({ formats: z.array(z.string()) })),
  resolve(user, facts) {
    const list = user ?? [];
    list.forEach((p, i) => {
      if (p.formats.length === 0) facts.problem([i, "formats"], "needs at least one format");
    });
    return { packages: list.map((p) => ({ formats: p.formats })), project: facts.projectName };
  },
});

const packageStep: TargetStep = {
  name: "packaging",
  section: packageSection,
  produces: { "test-package": { category: "package", checksummed: true, uploaded: true } },
  async run() {},
};

const facts: ProjectFacts = {
  module: {
    path: "example.com/tool",
    mains: [{ importPath: "example.com/tool", relativePath: ".", binary: "tool" }],
  },
  platforms: [{ goos: "linux", goarch: "amd64", firstClass: true }],
};
const linux: Target = { goos: "linux", goarch: "amd64" };

describe("the format seam", () => {
  const steps: Step[] = [forEachTarget("per target", [packageStep])];

  it("collects the kinds and sections of steps, inside per-target steps too", () => {
    expect(sectionsOf(steps)).toEqual([packageSection]);
    const kinds = new KindRegistry(kindsOf(steps));
    expect(kinds.traitsOf("test-package")?.category).toBe("package");
  });

  it("selects artifacts by trait, never by kind name", () => {
    const kinds = new KindRegistry([
      ...kindsOf(steps),
      { metadata: { category: "metadata", publishOrder: "last" } },
    ]);
    const registry = new ArtifactRegistry();
    const pkg: Artifact = {
      kind: "test-package",
      name: "tool.deb",
      path: "tool.deb",
      size: 1,
      sha256: "a",
      target: linux,
      format: "deb",
      producedBy: { step: "packaging", argv: ["x"] },
    };
    registry.add(pkg);
    registry.add({ kind: "metadata", name: "metadata.json", path: "metadata.json", size: 1, sha256: "b" });
    expect(registry.filter(kinds.with("checksummed")).map((a) => a.name)).toEqual(["tool.deb"]);
    expect(registry.filter(kinds.inCategory("package")).map((a) => a.name)).toEqual(["tool.deb"]);
    expect(kinds.publishRankOf("metadata")).toBeGreaterThan(kinds.publishRankOf("test-package"));
    // artifacts.json says what an artifact is, not how it was made.
    expect(registry.toJSON()[1]).toEqual({
      kind: "test-package",
      name: "tool.deb",
      path: "tool.deb",
      size: 1,
      sha256: "a",
      target: "linux/amd64",
      format: "deb",
    });
  });

  it("resolves a section from goship.yaml, typed, with problems at their path", () => {
    const load = (text: string) => ({
      file: "goship.yaml",
      name: "goship.yaml",
      kind: "goship" as const,
      ...parseConfigText(text, "goship.yaml"),
    });
    const config = resolveGoshipConfig(load("test_packages:\n  - formats: [deb]\n"), facts, [packageSection]);
    const resolved = sectionOf(config, packageSection);
    expect(resolved).toEqual({ packages: [{ formats: ["deb"] }], project: "tool" });
    expect(sectionOf(defaultConfig(facts, [packageSection]), packageSection).packages).toEqual([]);
    const bad = () =>
      resolveGoshipConfig(load("test_packages:\n  - formats: []\n    extra: 1\n"), facts, [packageSection]);
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      expect((error as ConfigError).output).toContain('test_packages[0].extra: unknown key "extra"');
    }
    // Without the section the key is unknown, as any other.
    expect(() => resolveGoshipConfig(load("test_packages: []\n"), facts)).toThrow(ConfigError);
  });

  it("adds each section to schema.json", () => {
    const schema = configJsonSchema([packageSection]) as { properties: Record<string, unknown> };
    expect(schema.properties.test_packages).toBeDefined();
  });

  it("shares facts through typed keys", () => {
    const store = new Facts();
    const count = factKey<number>("count");
    expect(store.get(count)).toBeUndefined();
    expect(store.once(count, () => 1)).toBe(1);
    expect(store.once(count, () => 2)).toBe(1);
    expect(() => store.need(factKey<string>("missing"))).toThrow(/missing is used before/);
  });
});
