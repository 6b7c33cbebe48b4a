// The output cache: a target's binary is reused when every input of its build is unchanged.
// Keys are digests of the inputs; entries are verified against their stored digest on every read,
// so a corrupted entry is a miss, never a wrong binary.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sha256Hex } from "../artifacts/digest.js";

export interface OutputKeyInput {
  readonly goVersion: string;
  readonly goExperiment: string;
  /** The `go build` argv without the output path. */
  readonly args: readonly string[];
  /** The build environment's variables that can change output (GO*, CGO_*). */
  readonly env: Readonly<Record<string, string>>;
  readonly sourceDigest: string;
  /** What -buildvcs stamps: commit, commit time, and whether the tree was modified. */
  readonly vcs: { readonly commit: string; readonly time: number; readonly modified: boolean };
}

/** Variables that change where go keeps things or how it downloads, never the output bytes. */
const neutralVariables = new Set([
  "GOMAXPROCS",
  "GOCACHE",
  "GOMODCACHE",
  "GOPATH",
  "GOPROXY",
  "GOPRIVATE",
  "GONOPROXY",
  "GONOSUMDB",
  "GONOSUMCHECK",
  "GOSUMDB",
  "GOINSECURE",
  "GOTMPDIR",
  "GOENV",
  "GOTELEMETRY",
  "GOTELEMETRYDIR",
  "GOAUTH",
  "GOVCS",
]);

export function outputEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    // GOSHIP_* are goship's own settings (debug logging, cache location), never seen by go build.
    const goVariable = (name.startsWith("GO") && !name.startsWith("GOSHIP_")) || name.startsWith("CGO_");
    if (goVariable && !neutralVariables.has(name)) {
      picked[name] = env[name] ?? "";
    }
  }
  return picked;
}

export function outputCacheKey(input: OutputKeyInput): string {
  const canonical = JSON.stringify([
    "goship-output-v1",
    input.goVersion,
    input.goExperiment,
    input.args,
    Object.entries(input.env).sort(([a], [b]) => (a < b ? -1 : 1)),
    input.sourceDigest,
    input.vcs,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** `$GOSHIP_CACHE_DIR`, else the platform's user cache directory + `/goship`. */
export function userCacheDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env.GOSHIP_CACHE_DIR) return env.GOSHIP_CACHE_DIR;
  const home = env.HOME ?? os.homedir();
  if (platform === "darwin") return path.join(home, "Library", "Caches", "goship");
  if (platform === "win32")
    return path.join(env.LocalAppData ?? path.join(home, "AppData", "Local"), "goship");
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "goship");
}

export class OutputCache {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The cached binary for `key`, or undefined (missing, unreadable or failing its digest). */
  async get(key: string): Promise<Buffer | undefined> {
    const file = this.#path(key);
    try {
      const [data, digest] = await Promise.all([readFile(file), readFile(`${file}.sha256`, "utf8")]);
      if (sha256Hex(data) === digest.trim()) return data;
      await rm(file, { force: true });
    } catch {
      // A miss: nothing cached, or the cache is unreadable; the build runs as usual.
    }
    return undefined;
  }

  /** Stores a binary; failures are ignored, because the cache only ever saves time. */
  async put(key: string, data: Uint8Array, sha256: string): Promise<void> {
    const file = this.#path(key);
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${tmp}.sha256`, `${sha256}\n`);
      await writeFile(tmp, data);
      await rename(`${tmp}.sha256`, `${file}.sha256`);
      await rename(tmp, file);
    } catch {
      await rm(tmp, { force: true });
      await rm(`${tmp}.sha256`, { force: true });
    }
  }

  #path(key: string): string {
    return path.join(this.#dir, "outputs", key.slice(0, 2), key);
  }
}
