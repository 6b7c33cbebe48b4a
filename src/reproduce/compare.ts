// Pairs the release's artifacts with the rebuild's by path and gives each a verdict.
import type { Diagnosis } from "./diagnose.js";

/** One artifact of the release being checked. */
export interface ReleaseArtifact {
  /** Path relative to dist, posix separators. */
  readonly path: string;
  readonly sha256: string;
  /** Absolute path of the release's bytes, when present (not for a checksums.txt-only check). */
  readonly file: string | undefined;
}

/** One artifact the rebuild made. */
export interface RebuiltArtifact {
  readonly path: string;
  readonly sha256: string;
  readonly file: string;
}

export type Verdict =
  | "reproduced"
  | "differs"
  | "missing from the rebuild"
  | "only in the rebuild"
  /** The rebuild failed before making anything. */
  | "not rebuilt";

export interface ArtifactResult {
  readonly path: string;
  readonly verdict: Verdict;
  readonly release: string | undefined;
  readonly rebuild: string | undefined;
  diagnosis?: Diagnosis;
}

/**
 * One result per release artifact, in the release's order. Artifacts only the rebuild made count
 * only when the release's list is complete (a release's own registry or its artifacts.json):
 * checksums.txt alone lists the archives, not the binaries beside them.
 */
export function compareArtifacts(
  release: readonly ReleaseArtifact[],
  rebuilt: readonly RebuiltArtifact[],
  releaseListIsComplete: boolean,
): ArtifactResult[] {
  const byPath = new Map(rebuilt.map((a) => [a.path, a]));
  const results: ArtifactResult[] = release.map((a) => {
    const b = byPath.get(a.path);
    byPath.delete(a.path);
    if (!b)
      return { path: a.path, verdict: "missing from the rebuild", release: a.sha256, rebuild: undefined };
    const verdict = a.sha256 === b.sha256 ? "reproduced" : "differs";
    return { path: a.path, verdict, release: a.sha256, rebuild: b.sha256 };
  });
  if (releaseListIsComplete) {
    for (const b of byPath.values()) {
      results.push({ path: b.path, verdict: "only in the rebuild", release: undefined, rebuild: b.sha256 });
    }
  }
  return results;
}

export function countReproduced(results: readonly ArtifactResult[]): { reproduced: number; total: number } {
  return { reproduced: results.filter((r) => r.verdict === "reproduced").length, total: results.length };
}

/** Every release artifact as "not rebuilt", for a rebuild that failed. */
export function notRebuilt(release: readonly ReleaseArtifact[]): ArtifactResult[] {
  return release.map((a) => ({
    path: a.path,
    verdict: "not rebuilt",
    release: a.sha256,
    rebuild: undefined,
  }));
}
