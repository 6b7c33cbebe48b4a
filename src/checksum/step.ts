// Checksums: by default a `<archive>.sha256` beside each archive and one sorted checksums.txt for
// the release; the config can rename them, switch to sha512, or keep only one kind.
import { readFile } from "node:fs/promises";
import type { ArtifactOf } from "../artifacts/artifact.js";
import { archiveIdsKey, claimName } from "../artifacts/names.js";
import { byKind, byTarget } from "../artifacts/registry.js";
import { need, once, type ReleaseContext } from "../pipeline/context.js";
import type { Step, TargetStep } from "../pipeline/step.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { digestHex, formatChecksumLine, formatChecksumsFile } from "./format.js";

export const archiveChecksumStep: TargetStep = {
  name: "writing the archive checksum",
  skip: (ctx) => (ctx.config?.checksum.split === undefined ? "no per-archive checksum files" : undefined),
  async run(ctx, target) {
    const { algorithm, split, splitContent } = need(ctx, "config").checksum;
    for (const archive of checksummed(ctx).filter(byTarget(target))) {
      const fields = {
        ...releaseFields(ctx),
        ...targetFields(target),
        ArtifactName: archive.name,
        ArtifactPath: archive.path,
        Algorithm: algorithm,
      };
      const name = render(ctx, split ?? "", "checksum.name_template", fields);
      claimName(
        once(ctx, "artifactNames", () => new Set<string>()),
        name,
        "the checksum name template",
      );
      const hex = await digestOf(ctx, archive, algorithm);
      const text = splitContent === "line" ? formatChecksumLine(hex, archive.name) : hex;
      const written = await writeStaged(ctx, name, text);
      ctx.artifacts.add({ kind: "checksum", name, path: name, target, of: archive.name, ...written });
    }
  },
};

export const checksumsStep: Step = {
  name: "writing checksums.txt",
  skip: (ctx) => (ctx.config?.checksum.combined === undefined ? "no combined checksums file" : undefined),
  async run(ctx) {
    const { algorithm, combined } = need(ctx, "config").checksum;
    const archives = checksummed(ctx);
    if (archives.length === 0) return;
    const lines = await Promise.all(
      archives.map(async (a) => ({ name: a.name, hex: await digestOf(ctx, a, algorithm) })),
    );
    const name = render(ctx, combined ?? "", "checksum.name_template", {
      ...releaseFields(ctx),
      Algorithm: algorithm,
    });
    claimName(
      once(ctx, "artifactNames", () => new Set<string>()),
      name,
      "checksum.name_template",
    );
    const written = await writeStaged(ctx, name, formatChecksumsFile(lines));
    ctx.artifacts.add({ kind: "checksums", name, path: name, algorithm, ...written });
  },
};

/** The archives (and binaries released as they are) the config wants checksummed. */
function checksummed(ctx: ReleaseContext): ArtifactOf<"archive">[] {
  const { ids } = need(ctx, "config").checksum;
  const archiveIds = once(ctx, archiveIdsKey, () => new Map<string, string>());
  return ctx.artifacts
    .filter(byKind("archive"))
    .filter((a) => ids === undefined || ids.includes(archiveIds.get(a.name) ?? ""));
}

async function digestOf(
  ctx: ReleaseContext,
  archive: ArtifactOf<"archive">,
  algorithm: "sha256" | "sha512",
): Promise<string> {
  if (algorithm === "sha256") return archive.sha256;
  return digestHex(await readFile(await stagedPath(ctx, archive.path)), algorithm);
}
