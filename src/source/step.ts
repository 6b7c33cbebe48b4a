// Step: the source archive (GoReleaser's `source`). The tracked files come from `git archive` of the
// released commit, so the listing (names, order, modes) is git's, as in GoReleaser; goship writes
// the bytes itself (its tar, gzip and zip writers), so they depend on the commit alone, not on the
// user's git settings, gzip, directory, umask or time zone.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { evalFiles } from "../archive/files.js";
import { writeTarGz } from "../archive/formats/gzip.js";
import { writeTar } from "../archive/formats/tar.js";
import { writeZip } from "../archive/formats/zip.js";
import { type EntryInfo, entryInfoOf } from "../archive/info.js";
import { readTar } from "../archive/read/tar.js";
import { sectionOf } from "../config/section.js";
import { ReleaseError } from "../errors.js";
import { gitEnv } from "../git/env.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { writeStaged } from "../staging/staging.js";
import { type ResolvedSource, type SourceFormat, sourceSection } from "./config.js";
import { SourceArchiveError } from "./errors.js";
import { type ExtraSourceFile, entriesFromGitTar, sourceEntries } from "./listing.js";
import { verifySourceArchive } from "./verify.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    "source-archive": {
      readonly format: SourceFormat;
      /** The folder every entry is under ("" for none). */
      readonly prefix: string;
      /** The commit archived. */
      readonly commit: string;
      /** How many entries it holds (folders included). */
      readonly entries: number;
    };
  }
}

export const sourceArchiveStep: Step = {
  name: "writing the source archive",
  section: sourceSection,
  produces: {
    "source-archive": { category: "source", checksummed: true, uploaded: true, verify: verifySourceArchive },
  },
  skip: (ctx) =>
    ctx.config && !sectionOf(ctx.config, sourceSection).enabled
      ? "source archives are not enabled"
      : undefined,
  async run(ctx) {
    await writeSourceArchive(ctx, sectionOf(need(ctx, "config"), sourceSection));
  },
};

async function writeSourceArchive(ctx: ReleaseContext, source: ResolvedSource): Promise<void> {
  const release = need(ctx, "release");
  if (!release.commit)
    throw new SourceArchiveError(
      "source archives need a git commit; commit the project first, or disable source",
    );
  const fields = releaseFields(ctx);
  const name = `${render(ctx, source.nameTemplate, "source.name_template", fields)}.${source.format}`;
  const prefix = source.prefixTemplate
    ? render(ctx, source.prefixTemplate, "source.prefix_template", fields)
    : "";
  ctx.artifacts.claimName(name, "source.name_template");
  const gitEntries = entriesFromGitTar(readTar(await gitArchive(ctx, release.commit, prefix)));
  const entries = sourceEntries(gitEntries, await extraFiles(ctx, source, fields), prefix);
  const options = { mtime: release.time, order: "given" as const };
  const bytes =
    source.format === "zip"
      ? await writeZip(entries, options)
      : source.format === "tar"
        ? writeTar(entries, options)
        : await writeTarGz(entries, options);
  const written = await writeStaged(ctx, name, bytes);
  ctx.artifacts.add({
    kind: "source-archive",
    name,
    path: name,
    format: source.format,
    prefix,
    commit: release.commit,
    entries: entries.length,
    ...written,
    producedBy: { step: sourceArchiveStep.name, argv: gitArchiveArgs(release.commit, prefix, "<tar>") },
  });
}

/**
 * `git archive` pinned to what GoReleaser's default git settings give: tar.umask 0002 (modes 0664
 * and 0775) and no per-user attributes file (whose export-ignore would drop files for one user only).
 */
export function gitArchiveArgs(commit: string, prefix: string, output: string): string[] {
  return [
    "-c",
    "tar.umask=0002",
    "-c",
    "core.attributesFile=",
    "archive",
    "--format=tar",
    ...(prefix ? [`--prefix=${prefix}`] : []),
    "-o",
    output,
    commit,
  ];
}

async function gitArchive(ctx: ReleaseContext, commit: string, prefix: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "goship-source-"));
  try {
    const output = path.join(dir, "source.tar");
    // Run where GoReleaser runs it, the project directory: git archives the tree from there.
    await ctx.exec("git", gitArchiveArgs(commit, prefix, output), {
      cwd: need(ctx, "module").dir,
      env: gitEnv(process.env),
      signal: ctx.signal,
    });
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** source.files, evaluated as archives' files are: sorted by destination, each with its `info`. */
async function extraFiles(
  ctx: ReleaseContext,
  source: ResolvedSource,
  fields: Record<string, unknown>,
): Promise<ExtraSourceFile[]> {
  const specs = [];
  const infos: EntryInfo[] = [];
  for (const [i, file] of source.files.entries()) {
    if (file.kind !== "glob") continue;
    const renderIn = (template: string, key: string) => render(ctx, template, key, fields);
    specs.push({
      src: renderIn(file.src, `source.files[${i}].src`),
      dst: file.dst,
      stripParent: file.stripParent,
      optional: false,
    });
    infos.push(entryInfoOf(file.info, `source.files[${i}].info`, renderIn));
  }
  if (specs.length === 0) return [];
  const moduleDir = need(ctx, "module").dir;
  let matched: Awaited<ReturnType<typeof evalFiles>>;
  try {
    matched = await evalFiles(moduleDir, specs, (message, details) => ctx.log.warn(message, details));
  } catch (error) {
    throw new ReleaseError(`source.files: ${(error as Error).message}`, { cause: error });
  }
  return Promise.all(
    matched.map(async (file) => {
      const full = path.join(moduleDir, ...file.source.split("/"));
      const [data, info] = await Promise.all([readFile(full), stat(full)]);
      const { mode, ...rest } = infos[file.spec] ?? {};
      // Modes are normalised (executable or not), never the umask of the machine.
      return {
        destination: file.destination,
        data,
        mode: mode ?? (info.mode & 0o111 ? 0o755 : 0o644),
        ...rest,
      };
    }),
  );
}
