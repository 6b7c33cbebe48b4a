// Writes `<project>.intoto.jsonl` after checksums.txt: one SLSA v1 provenance statement whose
// subjects are exactly the checksummed artifacts, DSSE-signed when a key is configured.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "../artifacts/digest.js";
import type {
  ArtifactRecord,
  CheckResult,
  KindTraits,
  VerifiedFile,
  VerifyContext,
} from "../artifacts/kinds.js";
import { sectionOf } from "../config/section.js";
import { isBinaryReadError, readBuildInfo } from "../inspect/index.js";
import { parseReleaseMetadata, type ReleaseMetadata } from "../metadata/metadata.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { type ModuleComponent, moduleComponent } from "../sbom/subject.js";
import { loadSigningKey } from "../sign/keys.js";
import { signSection } from "../sign/section.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { readProvenance, signStatement } from "./envelope.js";
import { provenanceSection } from "./section.js";
import { provenanceStatement, statementBytes } from "./statement.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    provenance: { readonly signed: boolean; readonly subjects: number };
  }
}

/** `goship verify`: every subject names a file of the release with the same SHA-256. */
async function verifyProvenanceArtifact(
  file: VerifiedFile,
  _artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<readonly CheckResult[]> {
  let statement: ReturnType<typeof readProvenance>["statement"];
  try {
    statement = readProvenance(file.bytes.toString("utf8"), file.path).statement;
  } catch (error) {
    return [{ check: "provenance", status: "fail", detail: (error as Error).message }];
  }
  const wrong: string[] = [];
  for (const subject of statement.subject) {
    const record = vctx.artifacts.find((a) => a.name === subject.name);
    const digest = record === undefined ? undefined : await vctx.digest(record.path);
    if (digest !== subject.digest.sha256) wrong.push(subject.name);
  }
  return [
    wrong.length === 0
      ? { check: "provenance", status: "pass", detail: `${statement.subject.length} subjects match` }
      : { check: "provenance", status: "fail", detail: `subjects that do not match: ${wrong.join(", ")}` },
  ];
}

const provenanceTraits: KindTraits = {
  category: "provenance",
  uploaded: true,
  publishOrder: "signature",
  verify: verifyProvenanceArtifact,
};

async function modulesOf(ctx: ReleaseContext): Promise<ModuleComponent[]> {
  const modules: ModuleComponent[] = [];
  for (const binary of ctx.artifacts.list().filter(ctx.kinds.inCategory("binary"))) {
    try {
      const info = await readBuildInfo(await readFile(await stagedPath(ctx, binary.path)));
      modules.push(...info.deps.map(moduleComponent));
    } catch (error) {
      if (!isBinaryReadError(error)) throw error;
    }
  }
  return modules;
}

/** metadata.json as the metadata step staged it: the facts that rebuild the release. */
async function stagedMetadata(ctx: ReleaseContext): Promise<ReleaseMetadata> {
  const artifact = ctx.artifacts.list().find((a) => a.kind === "metadata");
  if (artifact === undefined) throw new Error("internal: provenance is written before metadata.json");
  return parseReleaseMetadata(await readFile(await stagedPath(ctx, artifact.path), "utf8"), artifact.name);
}

async function configDigest(ctx: ReleaseContext): Promise<{ file: string; sha256: string } | undefined> {
  // The name is relative to the module root when the file lies inside it, else absolute.
  const file = need(ctx, "config").file;
  if (!file) return undefined;
  const bytes = await readFile(path.resolve(need(ctx, "module").dir, file)).catch(() => undefined);
  return bytes === undefined
    ? undefined
    : { file: path.isAbsolute(file) ? path.basename(file) : file, sha256: sha256Hex(bytes) };
}

export const provenanceStep: Step = {
  name: "writing provenance",
  section: provenanceSection,
  produces: { provenance: provenanceTraits },
  skip: (ctx) =>
    ctx.config && !sectionOf(ctx.config, provenanceSection).enabled ? "provenance is disabled" : undefined,
  async run(ctx) {
    const settings = sectionOf(need(ctx, "config"), provenanceSection);
    const config = await configDigest(ctx);
    const subjects = ctx.artifacts.list().filter(ctx.kinds.with("checksummed"));
    const statement = provenanceStatement({
      subjects: subjects.map((a) => ({ name: a.name, sha256: a.sha256 })),
      metadata: await stagedMetadata(ctx),
      modules: await modulesOf(ctx),
      ...(config === undefined ? {} : { config }),
    });
    // A rebuild (GOSHIP_SKIP_SIGN=1) has no keys: it writes the statement unsigned.
    const keySpec =
      ctx.env.GOSHIP_SKIP_SIGN === "1"
        ? ""
        : settings.key || (sectionOf(need(ctx, "config"), signSection).find((s) => s.key !== "")?.key ?? "");
    const payload = statementBytes(statement);
    const line =
      keySpec === ""
        ? payload
        : Buffer.from(JSON.stringify(signStatement(payload, await loadSigningKey(keySpec, ctx.env))));
    const name = render(ctx, settings.nameTemplate, "provenance.name_template", releaseFields(ctx));
    ctx.artifacts.claimName(name, "provenance.name_template");
    const written = await writeStaged(ctx, name, Buffer.concat([line, Buffer.from("\n")]));
    ctx.artifacts.add({
      kind: "provenance",
      name,
      path: name,
      signed: keySpec !== "",
      subjects: statement.subject.length,
      ...written,
      producedBy: {
        step: provenanceStep.name,
        inputs: subjects.map((a) => ({ name: a.name, sha256: a.sha256 })),
      },
    });
  },
};
