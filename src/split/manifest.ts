// shard.json: what one runner built and from what, so that a merge can prove the parts belong
// together before it writes anything.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ProducedBy } from "../artifacts/artifact.js";
import type { PartSelection } from "../pipeline/context.js";
import type { ShardSpec } from "./partition.js";

export type { PartSelection };

export const manifestName = "shard.json";
const format = "goship-shard/1";

export interface PartManifest {
  readonly format: typeof format;
  readonly goship: string;
  readonly selection: PartSelection;
  readonly project: string;
  readonly module: string;
  readonly version: string;
  readonly tag: string;
  readonly commit: string;
  readonly snapshot: boolean;
  readonly goVersion: string;
  /** Digest of the resolved config: every part must have read the same one. */
  readonly configDigest: string;
  /** Every target of the release, in release order. */
  readonly allTargets: readonly string[];
  /** The targets this part built. */
  readonly targets: readonly string[];
  /**
   * Artifact name → what made it (kept out of artifacts.json, but later steps read it: checksum
   * ids, metadata, provenance), so merged artifacts are the ones this part recorded.
   */
  readonly producedBy: Readonly<Record<string, ProducedBy>>;
}

export function formatManifest(manifest: Omit<PartManifest, "format">): string {
  return `${JSON.stringify({ format, ...manifest }, null, 2)}\n`;
}

/** Parses shard.json; the reason when it is not one. */
export function parseManifest(text: string): PartManifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return "is not valid JSON";
  }
  const m = data as Partial<PartManifest> | null;
  if (!m || typeof m !== "object" || m.format !== format) return `is not a ${format} manifest`;
  const strings = [
    "goship",
    "project",
    "module",
    "version",
    "tag",
    "commit",
    "goVersion",
    "configDigest",
  ] as const;
  for (const key of strings) if (typeof m[key] !== "string") return `has no ${key}`;
  if (!Array.isArray(m.allTargets) || !Array.isArray(m.targets)) return "has no target lists";
  if (!m.selection || typeof m.selection !== "object") return "has no selection";
  if (!m.producedBy || typeof m.producedBy !== "object") return "has no producedBy";
  return m as PartManifest;
}

export function describeSelection(selection: PartSelection): string {
  return selection.by === "shard"
    ? `shard ${selection.index}/${selection.count}`
    : `split ${selection.goos}${selection.goarch ? `/${selection.goarch}` : ""}`;
}

export function shardSelection(spec: ShardSpec): PartSelection {
  return { by: "shard", index: spec.index, count: spec.count };
}

/**
 * A digest of the resolved config that ignores what may differ between runners without changing
 * any artifact: where the file is, where dist is, how many builds run at once, and notes.
 */
export function configDigest(config: object): string {
  const {
    file: _file,
    dist: _dist,
    parallelism: _parallelism,
    notes: _notes,
    ...rest
  } = config as Record<string, unknown>;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && typeof v !== "function")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The whole target list a part was planned with, or undefined when the part cannot be read (the merge says why). */
export async function plannedTargets(partDir: string | undefined): Promise<readonly string[] | undefined> {
  if (partDir === undefined) return undefined;
  const text = await readFile(path.join(partDir, manifestName), "utf8").catch(() => "");
  const manifest = parseManifest(text);
  return typeof manifest === "string" ? undefined : manifest.allTargets;
}
