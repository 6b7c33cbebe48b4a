// Checksums: by default a `<archive>.sha256` beside each archive and one sorted checksums.txt for
// the release; the config can rename them, switch to sha512, or keep only one kind. What is
// checksummed is every artifact whose kind is declared `checksummed`, whatever step made it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../artifacts/artifact.js";
import { byTarget } from "../artifacts/registry.js";
import type { Target } from "../go/targets.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step, TargetStep } from "../pipeline/step.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { findExtraFiles } from "./extra-files.js";
import { digestHex, formatChecksumLine, formatChecksumsFile } from "./format.js";
import { verifyChecksumFile } from "./verify.js";

/** Names of the artifacts that already have their split checksum file. */
const splitDone = factKey<Set<string>>("artifacts with a split checksum file");

export const archiveChecksumStep: TargetStep = {
  name: "writing the archive checksum",
  produces: {
    checksum: { category: "checksum", uploaded: true, publishOrder: "index", verify: verifyChecksumFile },
  },
  skip: (ctx) => (ctx.config?.checksum.split === undefined ? "no per-archive checksum files" : undefined),
  async run(ctx, target) {
    await writeSplitFiles(ctx, checksummed(ctx).filter(byTarget(target)), target);
  },
};

export const checksumsStep: Step = {
  name: "writing checksums.txt",
  produces: {
    checksums: { category: "checksum", uploaded: true, publishOrder: "index", verify: verifyChecksumFile },
  },
  skip: (ctx) =>
    ctx.config?.checksum.combined === undefined && ctx.config?.checksum.split === undefined
      ? "checksums are disabled"
      : undefined,
  async run(ctx) {
    const { algorithm, combined, split } = need(ctx, "config").checksum;
    const artifacts = checksummed(ctx);
    const extras = await extraFilesOf(ctx);
    // Artifacts made after the targets' own steps (or without a target) get their split file here.
    // Shards merged into one release bring their split files along: those are done too.
    if (split !== undefined) {
      const done = ctx.facts.once(splitDone, () => new Set<string>());
      for (const file of ctx.artifacts.filter((a) => a.kind === "checksum")) {
        if ("of" in file && typeof file.of === "string") done.add(file.of);
      }
      await writeSplitFiles(
        ctx,
        artifacts.filter((a) => !done.has(a.name)),
      );
      for (const extra of extras) await writeExtraSplitFile(ctx, extra);
    }
    if (combined === undefined || artifacts.length + extras.length === 0) return;
    const lines = [
      ...(await Promise.all(
        artifacts.map(async (a) => ({ name: a.name, hex: await digestOf(ctx, a, algorithm) })),
      )),
      ...extras.map((e) => ({ name: e.name, hex: e.digest })),
    ];
    const name = render(ctx, combined, "checksum.name_template", {
      ...releaseFields(ctx),
      Algorithm: algorithm,
    });
    ctx.artifacts.claimName(name, "checksum.name_template");
    const written = await writeStaged(ctx, name, formatChecksumsFile(lines));
    ctx.artifacts.add({
      kind: "checksums",
      name,
      path: name,
      algorithm,
      ...(extras.length ? { extraFiles: extras.map((e) => ({ name: e.name, digest: e.digest })) } : {}),
      ...written,
      producedBy: {
        step: checksumsStep.name,
        inputs: artifacts.map((a) => ({ name: a.name, sha256: a.sha256 })),
      },
    });
  },
};

interface DigestedExtraFile {
  readonly name: string;
  readonly source: string;
  /** Its digest in the configured algorithm. */
  readonly digest: string;
}

/** checksum.extra_files: files outside the release, found and hashed when the checksums are written. */
async function extraFilesOf(ctx: ReleaseContext): Promise<DigestedExtraFile[]> {
  const { algorithm, extraFiles } = need(ctx, "config").checksum;
  if (extraFiles.length === 0) return [];
  const fields = releaseFields(ctx);
  const specs = extraFiles.map((f, i) => ({
    glob: render(ctx, f.glob, `checksum.extra_files[${i}].glob`, fields),
    name: f.nameTemplate
      ? render(ctx, f.nameTemplate, `checksum.extra_files[${i}].name_template`, fields)
      : "",
  }));
  const root = need(ctx, "module").dir;
  const found = await findExtraFiles(root, specs, (message, details) => ctx.log.warn(message, details));
  return Promise.all(
    found.map(async (f) => ({
      ...f,
      digest: digestHex(await readFile(path.join(root, ...f.source.split("/"))), algorithm),
    })),
  );
}

/** GoReleaser gives extra files a split checksum file too. */
async function writeExtraSplitFile(ctx: ReleaseContext, extra: DigestedExtraFile): Promise<void> {
  const { algorithm, split, splitContent } = need(ctx, "config").checksum;
  if (split === undefined) return;
  const name = render(ctx, split, "checksum.name_template", {
    ...releaseFields(ctx),
    ArtifactName: extra.name,
    ArtifactPath: extra.source,
    Algorithm: algorithm,
  });
  ctx.artifacts.claimName(name, "the checksum name template");
  const text = splitContent === "line" ? formatChecksumLine(extra.digest, extra.name) : extra.digest;
  const written = await writeStaged(ctx, name, text);
  ctx.artifacts.add({
    kind: "checksum",
    name,
    path: name,
    of: extra.name,
    extraFiles: [{ name: extra.name, digest: extra.digest }],
    ...written,
    producedBy: { step: checksumsStep.name, inputs: [] },
  });
}

async function writeSplitFiles(
  ctx: ReleaseContext,
  artifacts: readonly Artifact[],
  target?: Target,
): Promise<void> {
  const { algorithm, split, splitContent } = need(ctx, "config").checksum;
  if (split === undefined) return;
  const done = ctx.facts.once(splitDone, () => new Set<string>());
  for (const artifact of artifacts) {
    const artifactTarget = target ?? ("target" in artifact ? (artifact.target as Target) : undefined);
    const fields = {
      ...releaseFields(ctx),
      ...(artifactTarget ? targetFields(artifactTarget) : {}),
      ArtifactName: artifact.name,
      ArtifactPath: artifact.path,
      Algorithm: algorithm,
    };
    const name = render(ctx, split, "checksum.name_template", fields);
    ctx.artifacts.claimName(name, "the checksum name template");
    done.add(artifact.name);
    const hex = await digestOf(ctx, artifact, algorithm);
    const text = splitContent === "line" ? formatChecksumLine(hex, artifact.name) : hex;
    const written = await writeStaged(ctx, name, text);
    ctx.artifacts.add({
      kind: "checksum",
      name,
      path: name,
      ...(artifactTarget ? { target: artifactTarget } : {}),
      of: artifact.name,
      ...written,
      producedBy: {
        step: archiveChecksumStep.name,
        inputs: [{ name: artifact.name, sha256: artifact.sha256 }],
      },
    } as Artifact);
  }
}

/** The artifacts of checksummed kinds, of the archive configs `checksum.ids` names (all by default). */
function checksummed(ctx: ReleaseContext): Artifact[] {
  const { ids } = need(ctx, "config").checksum;
  return ctx.artifacts
    .filter(ctx.kinds.with("checksummed"))
    .filter((a) => ids === undefined || ids.includes(a.producedBy?.id ?? ""));
}

async function digestOf(
  ctx: ReleaseContext,
  artifact: Artifact,
  algorithm: "sha256" | "sha512",
): Promise<string> {
  if (algorithm === "sha256") return artifact.sha256;
  return digestHex(await readFile(await stagedPath(ctx, artifact.path)), algorithm);
}
