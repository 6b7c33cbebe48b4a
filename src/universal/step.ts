// Step: macOS universal binaries. The darwin binaries of the builds an entry names are joined into
// one fat Mach-O (written by goship, as GoReleaser writes it), recorded as a binary of the target
// darwin/all, which the pipeline then archives like any target.
import { utimes } from "node:fs/promises";
import { sha256Hex } from "../artifacts/digest.js";
import { byKind } from "../artifacts/registry.js";
import { sectionOf } from "../config/section.js";
import type { Target } from "../go/targets.js";
import { binaryFileName } from "../gobuild/naming.js";
import { runHooks } from "../hooks/run.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render, targetFields, templateEnv } from "../pipeline/templates.js";
import { readStaged, stagedPath, writeStaged } from "../staging/staging.js";
import { type ResolvedUniversalBinary, universalBinariesSection } from "./config.js";
import { UniversalModTimestampError } from "./errors.js";
import { writeUniversalBinary } from "./fat.js";
import { verifyUniversalBinary } from "./verify.js";

/** GoReleaser's target of universal binaries: Os darwin, Arch all, Target darwin_all. */
export const darwinAll: Target = { goos: "darwin", goarch: "all" };

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    "universal-binary": {
      readonly target: Target;
      /** Its name inside archives. */
      readonly binary: string;
      /** The universal binary's id, which archives' `ids` select. */
      readonly build: string;
      readonly packagePath: string;
      /** The thin binaries it holds, in file order. */
      readonly slices: ReadonlyArray<{
        readonly target: string;
        readonly name: string;
        readonly sha256: string;
      }>;
    };
  }
}

const made = factKey<boolean>("universal binaries were made");

/** The targets the universal binaries add (darwin/all once any was made), for archiving. */
export function universalTargets(ctx: ReleaseContext): readonly Target[] {
  return ctx.facts.get(made) ? [darwinAll] : [];
}

export const universalBinariesStep: Step = {
  name: "joining universal binaries",
  section: universalBinariesSection,
  produces: { "universal-binary": { category: "binary", verify: verifyUniversalBinary } },
  skip: (ctx) =>
    ctx.config && sectionOf(ctx.config, universalBinariesSection).length === 0
      ? "no universal_binaries"
      : undefined,
  async run(ctx) {
    for (const [index, entry] of sectionOf(need(ctx, "config"), universalBinariesSection).entries()) {
      await makeUniversalBinary(ctx, entry, index);
    }
  },
};

async function makeUniversalBinary(
  ctx: ReleaseContext,
  entry: ResolvedUniversalBinary,
  index: number,
): Promise<void> {
  const where = `universal_binaries[${index}]`;
  // amd64 before arm64: the order GoReleaser's build matrix makes them in.
  const slices = ctx.artifacts
    .filter(byKind("binary"))
    .filter((b) => b.target.goos === "darwin" && entry.ids.includes(b.build))
    .sort((a, b) => (a.target.goarch < b.target.goarch ? -1 : a.target.goarch > b.target.goarch ? 1 : 0));
  if (slices.length === 0) {
    ctx.log.warn("no darwin binaries to join; the universal binary is skipped", { id: entry.id });
    return;
  }
  const fields = { ...releaseFields(ctx), ...targetFields(darwinAll) };
  const name = render(ctx, entry.nameTemplate, `${where}.name_template`, fields);
  const flavor = need(ctx, "config").flavor;
  const relPath =
    flavor === "goreleaser"
      ? `${entry.id}_darwin_all/${name}`
      : `bin/${binaryFileName(name, need(ctx, "release").version, darwinAll)}`;
  const hookData = async () => ({ ...fields, Name: name, Path: await stagedPath(ctx, relPath) });
  if (entry.hooks.pre.length > 0)
    await runHooks(ctx, entry.hooks.pre, { data: await hookData(), env: templateEnv(ctx) });
  const inputs = await Promise.all(slices.map((s) => readStaged(ctx, s.path)));
  await writeStaged(ctx, relPath, writeUniversalBinary(inputs), 0o755);
  if (entry.hooks.post.length > 0)
    await runHooks(ctx, entry.hooks.post, { data: await hookData(), env: templateEnv(ctx) });
  // Read back after the post hooks, which may sign or otherwise change it.
  const bytes = await readStaged(ctx, relPath);
  if (entry.modTimestamp) {
    const text = render(ctx, entry.modTimestamp, `${where}.mod_timestamp`, fields).trim();
    if (!/^-?\d+$/.test(text)) throw new UniversalModTimestampError(`${where}.mod_timestamp`, text);
    await utimes(await stagedPath(ctx, relPath), Number(text), Number(text));
  }
  // GoReleaser's replace: the thin binaries leave the release, with what was made from them.
  if (entry.replace) ctx.artifacts.retract(slices.map((s) => s.name));
  ctx.artifacts.add({
    kind: "universal-binary",
    name: flavor === "goreleaser" ? relPath : relPath.slice("bin/".length),
    path: relPath,
    target: darwinAll,
    binary: name,
    build: entry.id,
    packagePath: slices[0]!.packagePath,
    slices: slices.map((s) => ({ target: `darwin/${s.target.goarch}`, name: s.name, sha256: s.sha256 })),
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
    producedBy: {
      step: universalBinariesStep.name,
      id: entry.id,
      inputs: slices.map((s) => ({ name: s.name, sha256: s.sha256 })),
    },
  });
  ctx.facts.set(made, true);
}
