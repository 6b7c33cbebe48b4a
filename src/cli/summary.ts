// The closing summary: one line per artifact with its size, then the total time.
import { artifactCount, toRecord } from "../artifacts/registry.js";
import type { ReleaseResult } from "../release.js";

export function formatSummary(result: ReleaseResult): string[] {
  // Sorted by path, so the list reads the same whichever target finished first.
  const shown = result.artifacts
    .filter((a) => a.kind !== "metadata")
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const width = Math.max(0, ...shown.map((a) => a.path.length));
  const lines = shown.map((a) => `  ${a.path.padEnd(width)}  ${formatSize(a.size).padStart(9)}`);
  const seconds = (result.durationMs / 1000).toFixed(1);
  lines.push(
    `  ${result.project} ${result.version}: ${artifactCount(result.artifacts)} artifact${artifactCount(result.artifacts) === 1 ? "" : "s"} in ${result.distDir} (${seconds}s)`,
  );
  return lines;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The `--json` form: stable keys, paths relative to dist. */
export function summaryJson(result: ReleaseResult): object {
  return { ...result, artifacts: result.artifacts.map(toRecord) };
}
