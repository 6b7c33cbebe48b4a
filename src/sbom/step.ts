// The `sboms` step: one document per archive, binary or package (per entry), written from the
// binaries' own build info, or by the entry's command as GoReleaser runs it. SBOMs are checksummed,
// signed when asked and uploaded like the artifacts they describe.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../artifacts/artifact.js";
import type { CheckResult, KindTraits } from "../artifacts/kinds.js";
import { toRecord } from "../artifacts/registry.js";
import { sectionOf } from "../config/section.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { artifactFields } from "../sign/artifact-fields.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { goshipVersion } from "../version.js";
import { runSbomCommand } from "./command.js";
import { describeArtifact, describeContents } from "./describe.js";
import { sbomBytes } from "./generate.js";
import { formatOfDocument, type SbomEntry, sbomSection } from "./section.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    sbom: {
      /** The artifact it describes ("" for `artifacts: any`). */
      readonly of: string;
      readonly format: "cyclonedx" | "spdx" | "external";
    };
  }
}

function selected(ctx: ReleaseContext, entry: SbomEntry): Artifact[] {
  if (entry.artifacts === "none" || entry.artifacts === "any") return [];
  const inCategory = ctx.kinds.inCategory(entry.artifacts);
  return ctx.artifacts
    .list()
    .filter(inCategory)
    .filter((a) => entry.ids.length === 0 || entry.ids.includes(String(a.producedBy?.id ?? "")));
}

/** An SBOM's digest check: it describes the very bytes of the artifact beside it. */
async function verifySbom(
  file: { bytes: Buffer },
  artifact: { name: string; of?: unknown; format?: unknown },
  vctx: { artifacts: readonly { name: string; sha256: string }[] },
): Promise<readonly CheckResult[]> {
  if (artifact.format === "external") return [];
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(file.bytes.toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    return [{ check: "sbom", status: "fail", detail: `not JSON: ${(error as Error).message}` }];
  }
  const described = vctx.artifacts.find((a) => a.name === artifact.of);
  const text = file.bytes.toString("utf8");
  const ok = described !== undefined && text.includes(described.sha256);
  const kind =
    doc.bomFormat === "CycloneDX" ? `CycloneDX ${String(doc.specVersion)}` : String(doc.spdxVersion);
  return [
    {
      check: "sbom",
      status: ok ? "pass" : "fail",
      detail: ok
        ? `${kind} of ${String(artifact.of)}`
        : `does not describe the SHA-256 of ${String(artifact.of)}`,
    },
  ];
}

export const sbomTraits: KindTraits = {
  category: "sbom",
  checksummed: true,
  uploaded: true,
  publishOrder: "payload",
  verify: verifySbom as KindTraits["verify"],
};

export const sbomStep: Step = {
  name: "writing SBOMs",
  section: sbomSection,
  produces: { sbom: sbomTraits },
  skip: (ctx) =>
    ctx.config && sectionOf(ctx.config, sbomSection).length === 0 ? "no sboms configured" : undefined,
  async run(ctx) {
    for (const entry of sectionOf(need(ctx, "config"), sbomSection)) {
      const fields = releaseFields(ctx);
      if (
        entry.disable === true ||
        (typeof entry.disable === "string" &&
          render(ctx, entry.disable, `sboms[${entry.id}].disable`, fields).trim() === "true")
      ) {
        ctx.log.info("sbom entry disabled", { id: entry.id });
        continue;
      }
      const artifacts = selected(ctx, entry);
      if (entry.artifacts === "any") await runSbomCommand(ctx, entry, undefined);
      else if (artifacts.length === 0)
        ctx.log.warn("no artifacts match this sbom entry", { id: entry.id, artifacts: entry.artifacts });
      for (const artifact of artifacts) {
        if (entry.cmd !== "") await runSbomCommand(ctx, entry, artifact);
        else await writeNative(ctx, entry, artifact);
      }
    }
  },
};

async function writeNative(ctx: ReleaseContext, entry: SbomEntry, artifact: Artifact): Promise<void> {
  const release = need(ctx, "release");
  const bytes = await readFile(await stagedPath(ctx, artifact.path));
  const options = { time: release.time, toolVersion: goshipVersion };
  // A package is read by its own kind; archives and binaries are read here.
  const contents = ctx.kinds.traitsOf(artifact.kind)?.contents;
  const subject =
    contents === undefined
      ? await describeArtifact(artifact.name, bytes, options)
      : await describeContents(artifact.name, bytes, await contents(bytes, toRecord(artifact)), options);
  for (const [i, template] of entry.documents.entries()) {
    const name = path.posix.basename(
      render(ctx, template, `sboms[${entry.id}].documents[${i}]`, artifactFields(ctx, artifact)),
    );
    const format = formatOfDocument(name);
    ctx.artifacts.claimName(name, `sboms[${entry.id}].documents`);
    const written = await writeStaged(ctx, name, sbomBytes(subject, format));
    ctx.artifacts.add({
      kind: "sbom",
      name,
      path: name,
      of: artifact.name,
      format,
      ...written,
      producedBy: {
        step: sbomStep.name,
        id: entry.id,
        inputs: [{ name: artifact.name, sha256: artifact.sha256 }],
      },
    });
  }
}
