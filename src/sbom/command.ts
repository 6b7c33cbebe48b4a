// An `sboms` entry with a `cmd`, run as GoReleaser runs it: in the release directory, with only a
// few variables passed through, `$artifact`/`$document` expanded, and every document it claims
// checked afterwards.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact } from "../artifacts/artifact.js";
import { sha256Hex } from "../artifacts/digest.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { artifactFields } from "../sign/artifact-fields.js";
import { expandVars, redact } from "../sign/command.js";
import { SbomCommandError } from "./errors.js";
import type { SbomEntry } from "./section.js";

const PASSTHROUGH = ["HOME", "USER", "USERPROFILE", "TMPDIR", "TMP", "TEMP", "PATH", "LOCALAPPDATA"];

export async function runSbomCommand(
  ctx: ReleaseContext,
  entry: SbomEntry,
  artifact: Artifact | undefined,
): Promise<void> {
  const dir = need(ctx, "stagingDir");
  const fields = artifact ? artifactFields(ctx, artifact) : releaseFields(ctx);
  const vars: Record<string, string> = {};
  const env: Record<string, string> = {};
  for (const key of PASSTHROUGH) if (ctx.env[key]) env[key] = ctx.env[key] as string;
  if (artifact)
    Object.assign(vars, { artifact: artifact.path, artifactID: String(artifact.producedBy?.id ?? "") });
  const key = (what: string) => `sboms[${entry.id}].${what}`;
  for (const [i, line] of entry.env.entries()) {
    const rendered = render(ctx, expandVars(line, vars), key(`env[${i}]`), fields);
    const eq = rendered.indexOf("=");
    if (eq > 0) vars[rendered.slice(0, eq)] = rendered.slice(eq + 1);
  }
  const documents = entry.documents.map((d, i) => {
    const rel = path.posix.normalize(render(ctx, expandVars(d, vars), key(`documents[${i}]`), fields));
    if (i === 0) vars.document = rel;
    vars[`document${i}`] = rel;
    return rel;
  });
  const args = entry.args.map((a, i) => render(ctx, expandVars(a, vars), key(`args[${i}]`), fields));
  const result = await ctx.exec(entry.cmd, args, {
    cwd: dir,
    env: { ...env, ...vars },
    signal: ctx.signal,
    allowFailure: true,
  });
  if (result.exitCode !== 0) {
    throw new SbomCommandError(`\`${entry.cmd}\` could not catalog ${artifact?.name ?? "the release"}`, {
      details: { cmd: entry.cmd, artifact: artifact?.name ?? "(any)" },
      output: redact(`${result.stderr}${result.stdout}`.trim(), ctx.env),
    });
  }
  for (const rel of documents) {
    const bytes = await readFile(path.join(dir, ...rel.split("/"))).catch(() => undefined);
    if (bytes === undefined) {
      throw new SbomCommandError(
        `\`${entry.cmd}\` did not write ${rel}; check the entry's args and documents`,
        {
          details: { cmd: entry.cmd },
        },
      );
    }
    const name = path.posix.basename(rel);
    ctx.artifacts.claimName(name, key("documents"));
    ctx.artifacts.add({
      kind: "sbom",
      name,
      path: rel,
      of: artifact?.name ?? "",
      format: "external",
      size: bytes.length,
      sha256: sha256Hex(bytes),
      producedBy: { step: "writing SBOMs", id: entry.id, argv: [entry.cmd, ...args] },
    });
  }
}
