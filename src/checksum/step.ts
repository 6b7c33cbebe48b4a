// Checksums: a `<archive>.sha256` beside each archive and one sorted checksums.txt for the release.
import { byKind, byTarget } from "../artifacts/registry.js";
import { writeStaged } from "../dist/staging.js";
import type { Step, TargetStep } from "../pipeline/step.js";
import { formatChecksumLine, formatChecksumsFile } from "./format.js";

export const archiveChecksumStep: TargetStep = {
  name: "writing the archive checksum",
  async run(ctx, target) {
    for (const archive of ctx.artifacts.filter(byKind("archive")).filter(byTarget(target))) {
      const name = `${archive.name}.sha256`;
      const written = await writeStaged(ctx, name, formatChecksumLine(archive.sha256, archive.name));
      ctx.artifacts.add({ kind: "checksum", name, path: name, target, of: archive.name, ...written });
    }
  },
};

export const checksumsStep: Step = {
  name: "writing checksums.txt",
  async run(ctx) {
    const lines = ctx.artifacts.filter(byKind("archive")).map((a) => ({ name: a.name, hex: a.sha256 }));
    const written = await writeStaged(ctx, "checksums.txt", formatChecksumsFile(lines));
    ctx.artifacts.add({
      kind: "checksums",
      name: "checksums.txt",
      path: "checksums.txt",
      algorithm: "sha256",
      ...written,
    });
  },
};
