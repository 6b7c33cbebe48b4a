// metadata.json: what was released and how, enough to rebuild it elsewhere.

import { docFilesOf } from "../archive/files.js";
import { byKind } from "../artifacts/registry.js";
import { cgoLdflags } from "../cctoolchain/plan.js";
import { cgoRecordOf } from "../cctoolchain/plans.js";
import { ldflagsWithStamps } from "../go/build-args.js";
import { formatTarget } from "../go/targets.js";
import { configuredBinaries } from "../gobuild/binaries.js";
import { configuredStamps, verifiableStamps } from "../gobuild/stamps.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { writeStaged } from "../staging/staging.js";
import { goshipVersion } from "../version.js";
import type { ReleaseMetadata } from "./metadata.js";

export const metadataStep: Step = {
  name: "writing metadata",
  produces: { metadata: { category: "metadata", publishOrder: "last" } },
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
  const config = need(ctx, "config");
  const stamps = configuredStamps(ctx, "common");
  // Documents every archive must carry: goship's README/LICENSE/CHANGELOG, unless the config chose files.
  const docs = config.archives.every((a) => a.files.length === 1 && a.files[0]?.kind === "docs")
    ? await docFilesOf(ctx)
    : [];
  const first = config.builds[0];
  const cgo = first ? cgoRecordOf(ctx, first.id) : undefined;
  // What really ran: the first binary's recorded `go build` line.
  const built = ctx.artifacts.filter(byKind("binary"))[0]?.producedBy;
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
    binaries: configuredBinaries(ctx),
    docs: docs.map((d) => d.name),
    // Only stamps that land in every binary: verification looks for each one in the bytes.
    stamps: verifiableStamps(ctx).map(([symbol, value]) => ({ symbol, value })),
    build:
      first?.flavor === "goreleaser"
        ? // GoReleaser leaves CGO_ENABLED to the environment; "" records that it was not set.
          { ...buildLineFacts(built?.argv ?? []), env: { CGO_ENABLED: built?.env?.CGO_ENABLED ?? "" } }
        : {
            flags: [
              "-trimpath",
              `-mod=${module.modMode}`,
              `-buildvcs=${release.buildvcs}`,
              ...(first?.flags ?? []),
            ],
            ldflags: ldflagsWithStamps(
              [...(first?.ldflags ?? []), ...(cgo ? cgoLdflags(cgo.mode) : [])],
              stamps,
            ),
            env: { CGO_ENABLED: cgo ? "1" : "0" },
            ...(cgo ? { cgo } : {}),
          },
    archives: ctx.artifacts.filter(byKind("archive")).length,
    goship: goshipVersion,
  };
}

/** The flags and the -ldflags value of a recorded `go build` line (without output and package). */
export function buildLineFacts(argv: readonly string[]): { flags: string[]; ldflags: string } {
  const flags: string[] = [];
  let ldflags = "";
  const args = argv.slice(argv.indexOf("build") + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-o") {
      i++;
      continue;
    }
    if (!arg.startsWith("-")) continue;
    if (arg.startsWith("-ldflags=")) ldflags = arg.slice("-ldflags=".length);
    else flags.push(arg);
  }
  return { flags, ldflags };
}
