// The merge's proof that its parts make one release: same sources, same config, same toolchain,
// and every target built exactly once. Pure, so each refusal is unit-tested.
import { describeSelection, type PartManifest } from "./manifest.js";

export interface Part {
  /** How messages name the part: its directory as the user gave it. */
  readonly label: string;
  readonly manifest: PartManifest;
}

/** What the merging checkout says the release is. */
export interface MergeFacts {
  readonly goship: string;
  readonly commit: string;
  readonly version: string;
  readonly configDigest: string;
  readonly goVersion: string;
  readonly allTargets: readonly string[];
}

/** Every reason the parts cannot be merged; empty when they can. */
export function mergeProblems(parts: readonly Part[], local: MergeFacts): string[] {
  const problems: string[] = [];
  const fields: ReadonlyArray<readonly [keyof MergeFacts & keyof PartManifest, string, string]> = [
    ["commit", "commit", "check out the same commit in every job"],
    ["version", "version", "tag the commit before the jobs start, or run every job with --snapshot"],
    ["configDigest", "config", "every job must read the same config file and flags"],
    ["goVersion", "Go toolchain", "pin one Go version in every job"],
    ["goship", "goship version", "pin one goship version in every job"],
  ];
  for (const part of parts) {
    for (const [key, what, fix] of fields) {
      const theirs = part.manifest[key];
      const ours = local[key];
      if (theirs !== ours) {
        problems.push(`${part.label} was built from another ${what} (${theirs}, here ${ours}): ${fix}`);
      }
    }
    if (part.manifest.allTargets.join(",") !== local.allTargets.join(",")) {
      problems.push(
        `${part.label} was planned for other targets (${part.manifest.allTargets.join(", ")}); every job must pass the same --targets`,
      );
    }
  }
  if (problems.length > 0) return problems;
  problems.push(...selectionProblems(parts));
  const owners = new Map<string, string>();
  for (const part of parts) {
    for (const target of part.manifest.targets) {
      const other = owners.get(target);
      if (other)
        problems.push(`${target} was built twice, by ${other} and by ${part.label}: merge each part once`);
      else owners.set(target, part.label);
    }
  }
  const missing = local.allTargets.filter((t) => !owners.has(t));
  if (missing.length > 0) {
    problems.push(`no part has ${missing.join(", ")}: ${missingHint(parts)}`);
  }
  return problems;
}

function selectionProblems(parts: readonly Part[]): string[] {
  const kinds = new Set(parts.map((p) => p.manifest.selection.by));
  if (kinds.size > 1) return ["the parts mix --shard and --split: make every part the same way"];
  const counts = new Set(
    parts.flatMap((p) => (p.manifest.selection.by === "shard" ? [p.manifest.selection.count] : [])),
  );
  if (counts.size > 1) return [`the parts disagree on how many shards there are (${[...counts].join(", ")})`];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const part of parts) {
    const id = describeSelection(part.manifest.selection);
    const other = seen.get(id);
    if (other) problems.push(`${part.label} and ${other} are both ${id}: merge each part once`);
    seen.set(id, part.label);
  }
  return problems;
}

function missingHint(parts: readonly Part[]): string {
  const first = parts[0]?.manifest.selection;
  if (first?.by !== "shard") return "a --split job is missing; add its dist to the merge";
  const have = new Set(
    parts.map((p) => (p.manifest.selection.by === "shard" ? p.manifest.selection.index : 0)),
  );
  const absent = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !have.has(i));
  return absent.length > 0
    ? `the dist of shard ${absent.map((i) => `${i}/${first.count}`).join(", ")} is missing; add it to the merge`
    : "a shard built fewer targets than planned";
}
