// metadata.json: what was released and how, enough to rebuild it elsewhere.

import { findDocFiles } from "../archive/files.js";
import { byKind } from "../artifacts/registry.js";
import { writeStaged } from "../dist/staging.js";
import { defaultStamps, releaseLdflags } from "../go/build-args.js";
import { formatTarget } from "../go/targets.js";
import { need, once, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { goshipVersion } from "../version.js";
import type { ReleaseMetadata } from "./metadata.js";

export const metadataStep: Step = {
  name: "writing metadata",
  async run(ctx) {
    const written = await writeStaged(
      ctx,
      "metadata.json",
      `${JSON.stringify(await releaseMetadata(ctx), null, 2)}\n`,
    );
    ctx.artifacts.add({ kind: "metadata", name: "metadata.json", path: "metadata.json", ...written });
  },
};

/** Everything needed to rebuild and verify the release elsewhere. */
export async function releaseMetadata(ctx: ReleaseContext): Promise<ReleaseMetadata> {
  const release = need(ctx, "release");
  const module = need(ctx, "module");
  const toolchain = need(ctx, "toolchain");
  const stamps = defaultStamps(release.version, release.commit, release.date);
  const docs = await once(ctx, "docFiles", () => findDocFiles(module.dir));
  return {
    project: release.project,
    module: module.path,
    version: release.version,
    commit: release.commit,
    date: release.date,
    timestamp: release.time,
    snapshot: release.snapshot,
    dirty: release.dirty,
    goVersion: toolchain.goVersion,
    goExperiment: toolchain.goExperiment || undefined,
    targets: need(ctx, "targets").map(formatTarget),
    binaries: module.mains.map((m) => ({ name: m.binary, package: m.importPath })),
    docs: docs.map((d) => d.name),
    stamps: stamps.map(([symbol, value]) => ({ symbol, value })),
    build: {
      flags: ["-trimpath", `-mod=${module.modMode}`, `-buildvcs=${release.buildvcs}`],
      ldflags: releaseLdflags(stamps),
      env: { CGO_ENABLED: "0" },
    },
    archives: ctx.artifacts.filter(byKind("archive")).length,
    goship: goshipVersion,
  };
}
