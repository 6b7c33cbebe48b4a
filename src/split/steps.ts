// Steps of a sharded release: a shard narrows the targets to its share and leaves a manifest; a
// merge proves its parts belong together and brings their artifacts into one release.
import { chmod, copyFile, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Artifact, ProducedBy } from "../artifacts/artifact.js";
import { sha256Hex } from "../checksum/format.js";
import { formatTarget, type Target } from "../go/targets.js";
import { need } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step } from "../pipeline/step.js";
import { stagedPath } from "../staging/staging.js";
import { goshipVersion } from "../version.js";
import { mergeProblems, type Part } from "./check-parts.js";
import { EmptySplitError, NotAPartError, PartsMismatchError } from "./errors.js";
import {
  configDigest,
  describeSelection,
  formatManifest,
  manifestName,
  type PartSelection,
  parseManifest,
} from "./manifest.js";
import { partitionTargets } from "./partition.js";

/** Every target of the release, before a part kept its share. */
const allTargetsKey = factKey<readonly Target[]>("allTargets");

/** After targetsStep: keep only this part's targets, remembering the whole list for the manifest. */
export const selectPartTargetsStep: Step = {
  name: "choosing this part's targets",
  skip: (ctx) => (ctx.options.part ? undefined : "not a part"),
  async run(ctx) {
    const selection = ctx.options.part!;
    const all = need(ctx, "targets");
    ctx.facts.set(allTargetsKey, all);
    const ids = all.map(formatTarget);
    const keep = new Set(
      selection.by === "shard"
        ? (partitionTargets(ids, selection.count)[selection.index - 1] ?? [])
        : all
            .filter((t) => t.goos === selection.goos && (!selection.goarch || t.goarch === selection.goarch))
            .map(formatTarget),
    );
    if (selection.by === "goos" && keep.size === 0)
      throw new EmptySplitError(describeSelection(selection), ids);
    ctx.targets = all.filter((t) => keep.has(formatTarget(t)));
    ctx.log.info("part", { part: describeSelection(selection), targets: [...keep].join(",") || "none" });
  },
};

/** Last: shard.json, written only when the part is complete, so a half-built part cannot be merged. */
export const partManifestStep: Step = {
  name: "writing the part's manifest",
  skip: (ctx) => (ctx.options.part ? undefined : "not a part"),
  async run(ctx) {
    const release = need(ctx, "release");
    const all = ctx.facts.need(allTargetsKey);
    const text = formatManifest({
      goship: goshipVersion,
      selection: ctx.options.part as PartSelection,
      project: release.project,
      module: need(ctx, "module").path,
      version: release.version,
      tag: release.tag,
      commit: release.commit,
      snapshot: release.snapshot,
      goVersion: need(ctx, "toolchain").goVersion,
      configDigest: configDigest(need(ctx, "config")),
      allTargets: all.map(formatTarget),
      targets: need(ctx, "targets").map(formatTarget),
      producedBy: Object.fromEntries(
        ctx.artifacts.list().flatMap((a) => (a.producedBy ? [[a.name, a.producedBy] as const] : [])),
      ),
    });
    const file = path.join(ctx.options.distDir, manifestName);
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
  },
};

/** A merge: check every part, then stage their artifacts as if this run had built them. */
export const importPartsStep: Step = {
  name: "merging the parts",
  async run(ctx) {
    const dirs = ctx.options.parts ?? [];
    const parts = await Promise.all(dirs.map(readPart));
    const release = need(ctx, "release");
    const targets = need(ctx, "targets");
    const problems = mergeProblems(parts, {
      goship: goshipVersion,
      commit: release.commit,
      version: release.version,
      configDigest: configDigest(need(ctx, "config")),
      goVersion: need(ctx, "toolchain").goVersion,
      allTargets: targets.map(formatTarget),
    });
    if (problems.length > 0) throw new PartsMismatchError(problems);
    const records = (await Promise.all(parts.map(readRecords))).flat();
    const tampered = (await Promise.all(records.map(changedSince))).filter((why) => why !== undefined);
    if (tampered.length > 0) throw new PartsMismatchError(tampered);
    const byId = new Map(targets.map((t) => [formatTarget(t), t]));
    for (const { dir, record, producedBy } of records) {
      const staged = await stagedPath(ctx, record.path);
      await copyFile(path.join(dir, ...record.path.split("/")), staged);
      // CI artifact stores drop file modes; binaries get back the mode go build gave them.
      await chmod(staged, record.kind === "binary" ? 0o755 : 0o644);
      const target = typeof record.target === "string" ? byId.get(record.target) : undefined;
      ctx.artifacts.add({ ...record, ...(target ? { target } : {}), producedBy } as unknown as Artifact);
    }
    ctx.log.info("merged", { parts: parts.length, artifacts: records.length });
  },
};

interface PartDir extends Part {
  readonly dir: string;
}

interface PartRecord {
  readonly dir: string;
  readonly label: string;
  readonly record: {
    kind: string;
    name: string;
    path: string;
    size: number;
    sha256: string;
    target?: unknown;
  };
  readonly producedBy: ProducedBy | undefined;
}

async function readPart(dir: string): Promise<PartDir> {
  const label = path.relative(process.cwd(), dir) || dir;
  let text: string;
  try {
    text = await readFile(path.join(dir, manifestName), "utf8");
  } catch {
    throw new NotAPartError(label, "is missing");
  }
  const manifest = parseManifest(text);
  if (typeof manifest === "string") throw new NotAPartError(label, manifest);
  return { dir, label, manifest };
}

/** The part's artifacts as its artifacts.json lists them (the release-wide files come from the merge). */
async function readRecords(part: PartDir): Promise<PartRecord[]> {
  let list: PartRecord["record"][];
  try {
    list = JSON.parse(await readFile(path.join(part.dir, "artifacts.json"), "utf8"));
  } catch {
    throw new NotAPartError(part.label, "is there, but artifacts.json is missing or unreadable");
  }
  return list
    .filter((record) => record.kind !== "metadata" && record.kind !== "checksums")
    .map((record) => ({
      dir: part.dir,
      label: part.label,
      record,
      producedBy: part.manifest.producedBy[record.name],
    }));
}

async function changedSince({ dir, label, record }: PartRecord): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, ...record.path.split("/")));
  } catch {
    return `${record.path} is listed in ${label}/artifacts.json but missing: download the part again`;
  }
  if (bytes.byteLength !== record.size || sha256Hex(bytes) !== record.sha256) {
    return `${record.path} in ${label} is not the file that was built (its digest changed): download the part again`;
  }
  return undefined;
}
