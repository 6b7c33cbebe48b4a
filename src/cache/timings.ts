// How long each target took last time, so the scheduler can start the longest first and no
// slow target is left to run alone at the end. Only the order of work depends on it, never output.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export type Timings = Readonly<Record<string, number>>;

function timingsFile(cacheDir: string, modulePath: string): string {
  const id = createHash("sha256").update(modulePath).digest("hex").slice(0, 32);
  return path.join(cacheDir, "timings", `${id}.json`);
}

export async function loadTimings(cacheDir: string, modulePath: string): Promise<Timings> {
  try {
    const parsed: unknown = JSON.parse(await readFile(timingsFile(cacheDir, modulePath), "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Timings) : {};
  } catch {
    return {};
  }
}

/** Merges new durations into the stored ones; a failure to write only loses a hint. */
export async function saveTimings(cacheDir: string, modulePath: string, timings: Timings): Promise<void> {
  const file = timingsFile(cacheDir, modulePath);
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const merged = { ...(await loadTimings(cacheDir, modulePath)), ...timings };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, JSON.stringify(merged));
    await rename(tmp, file);
  } catch {
    // Timings are a scheduling hint only.
  }
}

/**
 * Longest first (longest-processing-time scheduling); targets never seen keep their place at
 * the front, since an unknown target is likely a cold, slow one.
 */
export function longestFirst<T>(items: readonly T[], idOf: (item: T) => string, timings: Timings): T[] {
  return items
    .map((item, index) => ({ item, index, ms: timings[idOf(item)] ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => b.ms - a.ms || a.index - b.index)
    .map((entry) => entry.item);
}
