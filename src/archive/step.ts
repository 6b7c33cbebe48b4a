// Target step: one archive per target (tar.gz, zip on windows) holding one top folder with the
// binaries and the module's documents.
import { readFile } from "node:fs/promises";
import type { ArchiveFormat } from "../artifacts/artifact.js";
import { byKind, byTarget } from "../artifacts/registry.js";
import { archiveBaseName } from "../build/naming.js";
import { stagedPath, writeStaged } from "../dist/staging.js";
import { need, once, type ReleaseContext } from "../pipeline/context.js";
import type { TargetStep } from "../pipeline/step.js";
import { type DocFile, findDocFiles } from "./files.js";
import type { ArchiveEntry } from "./formats/entry.js";
import { writeTarGz } from "./formats/gzip.js";
import { writeZip } from "./formats/zip.js";

export const archiveStep: TargetStep = {
  name: "archiving",
  async run(ctx, target) {
    const release = need(ctx, "release");
    const base = archiveBaseName(release.project, release.version, target);
    const format: ArchiveFormat = target.goos === "windows" ? "zip" : "tar.gz";
    const binaries = ctx.artifacts.filter(byKind("binary")).filter(byTarget(target));
    const entries: ArchiveEntry[] = [{ path: base, kind: "dir", mode: 0o755 }];
    for (const binary of binaries) {
      const data = await readFile(await stagedPath(ctx, binary.path));
      entries.push({ path: `${base}/${binary.binary}`, kind: "file", mode: 0o755, data });
    }
    for (const doc of await docFilesOf(ctx)) {
      entries.push({ path: `${base}/${doc.name}`, kind: "file", mode: 0o644, data: doc.data });
    }
    const options = { mtime: release.time };
    const bytes = format === "zip" ? await writeZip(entries, options) : await writeTarGz(entries, options);
    const name = `${base}.${format}`;
    const written = await writeStaged(ctx, name, bytes);
    ctx.artifacts.add({
      kind: "archive",
      name,
      path: name,
      target,
      format,
      files: entries.map((e) => e.path),
      ...written,
    });
  },
};

function docFilesOf(ctx: ReleaseContext): Promise<DocFile[]> {
  return once(ctx, "docFiles", () => findDocFiles(need(ctx, "module").dir));
}
