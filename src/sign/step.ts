// The `signs` and `binary_signs` steps: after checksums.txt is final, each selected artifact is
// signed by the configured command or natively into a Sigstore bundle. Signatures are never
// checksummed, and nothing a signature covers is written again afterwards.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../artifacts/artifact.js";
import { sha256Hex } from "../artifacts/digest.js";
import type { KindTraits } from "../artifacts/kinds.js";
import { sectionOf } from "../config/section.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { render, templateEnv } from "../pipeline/templates.js";
import { artifactFields } from "./artifact-fields.js";
import { signBlob } from "./bundle.js";
import { passesIf, planSignJob, redact } from "./command.js";
import type { SignEntry } from "./config.js";
import { SignCommandError } from "./errors.js";
import { loadSigningKey } from "./keys.js";
import { binarySignSection, signSection } from "./section.js";
import { verifySignatureArtifact } from "./verify-artifact.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    signature: { readonly of: string; readonly native: boolean };
    certificate: { readonly of: string };
  }
}

const signatureTraits: KindTraits = {
  category: "signature",
  uploaded: true,
  publishOrder: "signature",
  verify: verifySignatureArtifact,
};
const certificateTraits: KindTraits = { category: "certificate", uploaded: true, publishOrder: "signature" };

function selected(ctx: ReleaseContext, entry: SignEntry): Artifact[] {
  const all = ctx.artifacts.list();
  const byIds = (a: Artifact) => entry.ids.length === 0 || entry.ids.includes(String(a.producedBy?.id ?? ""));
  switch (entry.artifacts) {
    case "none":
      return [];
    case "all":
      return all
        .filter(ctx.kinds.with("uploaded"))
        .filter((a) => !ctx.kinds.inCategory("signature", "certificate")(a))
        .filter(byIds);
    case "checksum":
    case "source":
      return all.filter(ctx.kinds.inCategory(entry.artifacts));
    default:
      return all.filter(ctx.kinds.inCategory(entry.artifacts)).filter(byIds);
  }
}

async function signAll(ctx: ReleaseContext, entries: readonly SignEntry[], section: string): Promise<void> {
  const dir = need(ctx, "stagingDir");
  for (const entry of entries) {
    const artifacts = selected(ctx, entry);
    if (entry.artifacts !== "none" && artifacts.length === 0) {
      ctx.log.warn("no artifacts match this signing entry", { id: entry.id, artifacts: entry.artifacts });
    }
    const key = entry.key === "" ? undefined : await loadSigningKey(entry.key, ctx.env);
    for (const artifact of artifacts) {
      const fields = artifactFields(ctx, artifact);
      const renderWith = (template: string, name: string, vars: Readonly<Record<string, string>>) =>
        render(ctx, template, `${section}.${name}`, fields, { ...templateEnv(ctx), ...vars });
      if (!passesIf(entry, renderWith, {})) continue;
      const file = path.join(dir, ...artifact.path.split("/"));
      const job = planSignJob(
        entry,
        { name: artifact.name, file, id: String(artifact.producedBy?.id ?? "") },
        dir,
        renderWith,
      );
      const before = sha256Hex(await readFile(file));
      if (key !== undefined) {
        if (job.signature === undefined) continue;
        await writeSigned(job.signature.file, signBlob(await readFile(file), key));
      } else {
        await runJob(ctx, entry, job, artifact.name);
      }
      // A signature must cover the bytes that ship: nothing may change a file while it is signed.
      if (sha256Hex(await readFile(file)) !== before) {
        throw new SignCommandError(
          `${artifact.name} changed while it was signed; its signature would not verify`,
        );
      }
      for (const [out, kind] of [
        [job.signature, "signature"],
        [job.certificate, "certificate"],
      ] as const) {
        if (out === undefined) continue;
        const bytes = await readFile(out.file).catch(() => undefined);
        if (bytes === undefined) {
          throw new SignCommandError(
            `\`${entry.cmd}\` did not write ${path.basename(out.file)}; check the entry's args and ${kind}`,
            {
              details: { artifact: artifact.name },
            },
          );
        }
        const rel = path.relative(dir, out.file).split(path.sep).join("/");
        ctx.artifacts.claimName(out.name, `${section}.${kind}`);
        ctx.artifacts.add({
          kind,
          name: out.name,
          path: rel,
          of: artifact.name,
          ...(kind === "signature" ? { native: key !== undefined } : {}),
          size: bytes.length,
          sha256: sha256Hex(bytes),
          producedBy: { step: section, id: entry.id, inputs: [{ name: artifact.name, sha256: before }] },
        } as Artifact);
      }
    }
  }
}

async function writeSigned(file: string, bytes: Uint8Array): Promise<void> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { mode: 0o644 });
}

async function runJob(
  ctx: ReleaseContext,
  _entry: SignEntry,
  job: ReturnType<typeof planSignJob>,
  name: string,
): Promise<void> {
  const stdin =
    job.stdin ??
    (job.stdinFile === undefined
      ? undefined
      : await readFile(path.resolve(need(ctx, "module").dir, job.stdinFile)));
  const env = { ...ctx.env, ...templateEnv(ctx), ...job.env };
  const result = await ctx.exec(job.cmd, job.args, {
    cwd: need(ctx, "module").dir,
    env,
    signal: ctx.signal,
    allowFailure: true,
    ...(stdin === undefined ? {} : { input: stdin }),
  });
  const output = redact(`${result.stderr}${result.stdout}`.trim(), env);
  if (result.exitCode !== 0) {
    throw new SignCommandError(`could not sign ${name}`, {
      details: { cmd: job.cmd, artifact: name },
      output,
    });
  }
  if (job.output && output !== "") ctx.log.info(output, { cmd: job.cmd, artifact: name });
}

/** A rebuild (GOSHIP_SKIP_SIGN=1) makes no signatures: they need the signer's key. */
function skipSigning(ctx: ReleaseContext): string | undefined {
  return ctx.env.GOSHIP_SKIP_SIGN === "1" ? "GOSHIP_SKIP_SIGN=1: a rebuild makes no signatures" : undefined;
}

export const signStep: Step = {
  name: "signing artifacts",
  section: signSection,
  produces: { signature: signatureTraits, certificate: certificateTraits },
  skip: (ctx) =>
    skipSigning(ctx) ??
    (sectionOf(need(ctx, "config"), signSection).length === 0 ? "no signs configured" : undefined),
  run: (ctx) => signAll(ctx, sectionOf(need(ctx, "config"), signSection), "signs"),
};

export const binarySignStep: Step = {
  name: "signing binaries",
  section: binarySignSection,
  skip: (ctx) =>
    skipSigning(ctx) ??
    (sectionOf(need(ctx, "config"), binarySignSection).length === 0
      ? "no binary_signs configured"
      : undefined),
  run: (ctx) => signAll(ctx, sectionOf(need(ctx, "config"), binarySignSection), "binary_signs"),
};
