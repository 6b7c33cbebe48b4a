// Target step: the target's archives. By default one per target (tar.gz, zip on windows) holding
// one top folder with the binaries and the module's documents; the config can rename, reformat,
// unwrap and fill them differently.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ArchiveFormat, ArtifactOf } from "../artifacts/artifact.js";
import { sha256Hex } from "../artifacts/digest.js";
import { byTarget } from "../artifacts/registry.js";
import { formatsFor, type ResolvedArchive } from "../config/archives.js";
import { ReleaseError } from "../errors.js";
import type { Target } from "../go/targets.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { outputCacheOf } from "../pipeline/output-cache.js";
import type { TargetStep } from "../pipeline/step.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";
import { stagedPath, writeStaged } from "../staging/staging.js";
import { goshipVersion } from "../version.js";
import { type ArchiveFile, docFilesOf, evalFiles } from "./files.js";
import type { ArchiveEntry } from "./formats/entry.js";
import { writeTarGz } from "./formats/gzip.js";
import { writeTar } from "./formats/tar.js";
import { writeZip } from "./formats/zip.js";
import { type EntryInfo, entryInfoOf } from "./info.js";
import { verifyArchive } from "./verify.js";

export const archiveStep: TargetStep = {
  name: "archiving",
  produces: {
    // A `binary`-format archive is the binary itself under its release name: checksummed and
    // uploaded like any archive.
    archive: { category: "archive", checksummed: true, uploaded: true, verify: verifyArchive },
  },
  async run(ctx, target) {
    for (const [index, archive] of need(ctx, "config").archives.entries()) {
      const binaries = binariesFor(ctx, archive, target);
      if (binaries.length === 0) continue;
      for (const format of formatsFor(archive, target.goos)) {
        if (format === "none") continue;
        if (format === "binary") await copyBinaries(ctx, archive, index, target, binaries);
        else await writeArchive(ctx, archive, index, target, binaries, format);
      }
    }
  },
};

/** What archives need of a binary, whichever kind made it (a build, a universal binary). */
type ArchivedBinary = Pick<ArtifactOf<"binary">, "name" | "path" | "sha256" | "binary" | "build">;

/** This target's binaries (artifacts of the binary category) from the builds the archive takes, in the order they were built. */
function binariesFor(ctx: ReleaseContext, archive: ResolvedArchive, target: Target): ArchivedBinary[] {
  return (ctx.artifacts.filter(ctx.kinds.inCategory("binary")) as unknown as ArchivedBinary[])
    .filter((b) => byTarget(target)(b as never))
    .filter((b) => archive.ids === undefined || archive.ids.includes(b.build));
}

function fieldsOf(ctx: ReleaseContext, target: Target, binary: ArchivedBinary): Record<string, unknown> {
  const ext =
    path.posix.extname(binary.binary) === ".exe" || path.posix.extname(binary.binary) === ".wasm"
      ? path.posix.extname(binary.binary)
      : "";
  return {
    ...releaseFields(ctx),
    ...targetFields(target),
    Binary: path.posix.basename(binary.binary, ext),
    ArtifactName: binary.binary,
    ArtifactPath: binary.path,
    ArtifactExt: ext,
  };
}

async function writeArchive(
  ctx: ReleaseContext,
  archive: ResolvedArchive,
  index: number,
  target: Target,
  binaries: readonly ArchivedBinary[],
  format: Exclude<ArchiveFormat, "binary">,
): Promise<void> {
  const release = need(ctx, "release");
  const fields = fieldsOf(ctx, target, binaries[0]!);
  const base = render(ctx, archive.nameTemplate, `archives[${index}].name_template`, fields);
  const wrap = archive.wrap ? render(ctx, archive.wrap, `archives[${index}].wrap_in_directory`, fields) : "";
  const under = (p: string) => (wrap ? `${wrap}/${p}` : p);
  const entries: ArchiveEntry[] = wrap && archive.wrapEntry ? [{ path: wrap, kind: "dir", mode: 0o755 }] : [];
  // Binaries enter with their known digest and are read from staging only if the archive must be
  // written: a re-run of the same commit reuses the archive without reading or hashing them again.
  const digests = new Map<string, string>();
  const binaryEntries = binaries.map((binary) => {
    const inside = archive.stripBinaryDirectory ? path.posix.basename(binary.binary) : binary.binary;
    digests.set(under(inside), binary.sha256);
    return { path: under(inside), binary };
  });
  const renderIn = (template: string, key: string) => render(ctx, template, key, fields);
  // builds_info: owner, group and mtime of the binaries; their mode stays 0755, as in GoReleaser.
  const { mode: _ignored, ...binaryInfo } = entryInfoOf(
    archive.buildsInfo,
    `archives[${index}].builds_info`,
    renderIn,
  );
  for (const { path: entryPath } of binaryEntries)
    entries.push({ path: entryPath, kind: "file", mode: 0o755, data: Buffer.alloc(0), ...binaryInfo });
  for (const file of await filesOf(ctx, archive, index, fields)) {
    const { mode, ...info } = file.info;
    entries.push({
      path: under(file.destination),
      kind: "file",
      mode: mode ?? file.mode,
      data: file.data,
      ...info,
    });
  }
  const options = { mtime: release.time };
  const key = archiveKey(format, options.mtime, entries, digests);
  const cache = outputCacheOf(ctx);
  let bytes = await cache?.get(key);
  if (bytes) ctx.log.debug?.("archive reused from the output cache", { archive: base });
  else {
    for (const { path: entryPath, binary } of binaryEntries) {
      const at = entries.findIndex((e) => e.path === entryPath);
      entries[at] = { ...entries[at]!, data: await readFile(await stagedPath(ctx, binary.path)) };
    }
    bytes =
      format === "zip"
        ? await writeZip(entries, options)
        : format === "tar"
          ? writeTar(entries, options)
          : await writeTarGz(entries, options);
    await cache?.put(key, bytes, sha256Hex(bytes));
  }
  const name = `${base}.${format}`;
  ctx.artifacts.claimName(name, `archives[${index}].name_template`);
  const written = await writeStaged(ctx, name, bytes);
  ctx.artifacts.add({
    kind: "archive",
    name,
    path: name,
    target,
    format,
    files: entries.map((e) => e.path),
    ...written,
    producedBy: {
      step: archiveStep.name,
      id: archive.id,
      inputs: binaries.map((b) => ({ name: b.name, sha256: b.sha256 })),
      wrap,
      mtime: options.mtime,
    },
  });
}

/** The `binary` format: each binary itself, renamed by the name template, beside the archives. */
async function copyBinaries(
  ctx: ReleaseContext,
  archive: ResolvedArchive,
  index: number,
  target: Target,
  binaries: readonly ArchivedBinary[],
): Promise<void> {
  for (const binary of binaries) {
    const fields = fieldsOf(ctx, target, binary);
    const name = `${render(ctx, archive.nameTemplate, `archives[${index}].name_template`, fields)}${fields.ArtifactExt}`;
    ctx.artifacts.claimName(name, `archives[${index}].name_template`);
    const written = await writeStaged(ctx, name, await readFile(await stagedPath(ctx, binary.path)));
    ctx.artifacts.add({
      kind: "archive",
      name,
      path: name,
      target,
      format: "binary",
      files: [binary.binary],
      ...written,
      producedBy: {
        step: archiveStep.name,
        id: archive.id,
        inputs: [{ name: binary.name, sha256: binary.sha256 }],
      },
    });
  }
}

interface StoredFile {
  readonly destination: string;
  readonly mode: number;
  readonly data: Buffer;
  /** The header fields its `info` sets. */
  readonly info: EntryInfo;
}

/** The archive's files: goship's documents, or the config's globs (evaluated once per archive and target). */
async function filesOf(
  ctx: ReleaseContext,
  archive: ResolvedArchive,
  index: number,
  fields: Record<string, unknown>,
): Promise<StoredFile[]> {
  const moduleDir = need(ctx, "module").dir;
  const out: StoredFile[] = [];
  const specs = [];
  const infos: EntryInfo[] = [];
  for (const [i, file] of archive.files.entries()) {
    if (file.kind === "docs") {
      for (const doc of await docFilesOf(ctx))
        out.push({ destination: doc.name, mode: 0o644, data: doc.data, info: {} });
      continue;
    }
    const src = render(ctx, file.src, `archives[${index}].files[${i}]`, fields);
    specs.push({ src, dst: file.dst, stripParent: file.stripParent, optional: file.optional });
    infos.push(
      entryInfoOf(file.info, `archives[${index}].files[${i}].info`, (t, key) => render(ctx, t, key, fields)),
    );
  }
  if (specs.length === 0) return out;
  let matched: ArchiveFile[];
  try {
    matched = await evalFiles(moduleDir, specs, (message, details) => ctx.log.warn(message, details));
  } catch (error) {
    throw new ReleaseError(`archives[${index}].files: ${(error as Error).message}`, { cause: error });
  }
  for (const file of matched) {
    const full = path.join(moduleDir, ...file.source.split("/"));
    const [data, info] = await Promise.all([readFile(full), stat(full)]);
    // Modes are normalised: what git records (executable or not), never the umask of the machine.
    out.push({
      destination: file.destination,
      mode: info.mode & 0o111 ? 0o755 : 0o644,
      data,
      info: infos[file.spec] ?? {},
    });
  }
  return out;
}

/**
 * Everything an archive's bytes depend on, the writer (goship) and zlib versions included.
 * `known` gives the digests of entries whose data is not loaded yet.
 */
export function archiveKey(
  format: string,
  mtime: number,
  entries: readonly ArchiveEntry[],
  known: ReadonlyMap<string, string> = new Map(),
): string {
  const described = entries.map((e) => [
    e.path,
    e.kind,
    e.mode,
    known.get(e.path) ?? (e.data ? sha256Hex(e.data) : ""),
    // Only entries with an `info` get more fields: the keys of every other archive stay as they were.
    ...(e.owner !== undefined || e.group !== undefined || e.mtime !== undefined
      ? [e.owner ?? "", e.group ?? "", e.mtime ?? -1]
      : []),
  ]);
  const inputs = ["goship-archive-v1", goshipVersion, process.versions.zlib, format, mtime, described];
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}
