// The four contenders as data: how to invoke each one, and what a complete run must leave in dist.
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import {
  goreleaserArgs,
  goreleaserBin,
  goreleaserTarget,
  installedVersion,
  writeGoreleaserConfig,
} from "../goreleaser.mjs";
import { benchDir, defaultTargets, workDir } from "./go-env.mjs";
import { baseName } from "./release-meta.mjs";

const repoRoot = path.dirname(benchDir);
export const goshipMain = path.join(repoRoot, "dist", "cli", "main.js");
const name = "benchsubject";

/**
 * Copies goship's build (dist/ and the package.json it reads its version from) under bench/data,
 * so that every run of one benchmark measures the same goship even if dist/ is rebuilt meanwhile.
 * Its dependencies still resolve from the repository's node_modules, a few directories up.
 */
export function snapshotGoship() {
  const root = path.join(workDir, "goship");
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(repoRoot, "dist"), path.join(root, "dist"), { recursive: true });
  copyFileSync(path.join(repoRoot, "package.json"), path.join(root, "package.json"));
  return path.join(root, "dist", "cli", "main.js");
}

/**
 * Every contender gets { subject, dist, targets, single } and returns argv plus extra env.
 * `expect` lists what a finished release holds, so a contender that fails quietly or skips
 * packaging is reported as failed instead of looking fast.
 */
export function createContenders({ rawSchedules, goshipEntry }) {
  const goship = {
    id: "goship",
    label: "goship release",
    missing: () =>
      existsSync(goshipMain)
        ? undefined
        : `goship is not built: ${path.relative(repoRoot, goshipMain)} is missing (run \`npm run build\`)`,
    command: ({ subject, dist, targets, single }) => ({
      cmd: process.execPath,
      args: [
        goshipEntry,
        "release",
        "--dir",
        subject,
        "--dist",
        dist,
        "--clean",
        "--snapshot",
        // The default matrix is left to goship, so the benchmark measures what users get.
        ...(single
          ? ["--single-target"]
          : targets.join() === defaultTargets.join()
            ? []
            : ["--targets", targets.join(",")]),
      ],
    }),
    expect: { sha256: true, checksumsTxt: true },
    binaryPath: (dist, version, target) =>
      path.join(dist, "bin", baseName(name, version, target) + exe(target)),
  };

  const goreleaser = {
    id: "goreleaser",
    label: "GoReleaser v2.15.1",
    missing: () =>
      installedVersion()
        ? undefined
        : `GoReleaser is not installed at ${path.relative(repoRoot, goreleaserBin)}`,
    command: ({ dist, targets }) => {
      // One config per target list and output directory, kept outside the subject so the
      // repository stays clean (a dirty tree would change `git describe` for every contender).
      const key = `${path.basename(dist)}-${targets.length}-${hash(targets.join(","))}`;
      const file = writeGoreleaserConfig({
        file: path.join(workDir, "goreleaser", `${key}.yaml`),
        dist,
        targets,
        name,
      });
      return { cmd: goreleaserBin, args: goreleaserArgs(file) };
    },
    expect: { sha256: false, checksumsTxt: true },
    binaryPath: (dist, _version, target) =>
      path.join(dist, `${name}_${goreleaserTarget(target)}`, name + exe(target)),
  };

  const raws = rawSchedules.map((schedule) => ({
    id: `raw-${schedule}`,
    label: `raw limit (${{ all: "all at once", pairs: "2 at a time", seq: "sequential" }[schedule] ?? schedule})`,
    isRaw: true,
    missing: () => undefined,
    command: ({ subject, dist, targets }) => ({
      cmd: process.execPath,
      args: [
        path.join(benchDir, "raw.mjs"),
        "--dir",
        subject,
        "--dist",
        dist,
        "--schedule",
        schedule,
        "--targets",
        targets.join(","),
      ],
    }),
    expect: { sha256: true, checksumsTxt: true },
    binaryPath: goship.binaryPath,
  }));

  const seed = {
    id: "seed",
    label: "seed shell loop",
    missing: () => undefined,
    command: ({ dist, targets }) => ({
      cmd: "bash",
      args: [path.join(benchDir, "seed-loop.sh")],
      env: { DIST: dist, TARGETS: targets.join(" "), BINARY: name },
    }),
    expect: { sha256: true, checksumsTxt: false },
    binaryPath: goship.binaryPath,
    // Built with the guide's ldflags (no commit, date or -buildid=), so its bytes differ by design.
    differentFlags: true,
  };

  return { goship, goreleaser, raws, seed };
}

/** Checks a finished dist against what the contender promises; returns a problem or undefined. */
export function verifyDist(contender, dist, targetCount) {
  if (!existsSync(dist)) return "no dist directory";
  const files = readdirSync(dist);
  const archives = files.filter((f) => f.endsWith(".tar.gz") || f.endsWith(".zip"));
  if (archives.length !== targetCount) return `${archives.length} archives, expected ${targetCount}`;
  const small = archives.find((f) => statSync(path.join(dist, f)).size < 64 * 1024);
  if (small) return `${small} is suspiciously small`;
  if (contender.expect.sha256) {
    const sums = files.filter((f) => f.endsWith(".sha256"));
    if (sums.length !== targetCount) return `${sums.length} .sha256 files, expected ${targetCount}`;
  }
  if (contender.expect.checksumsTxt) {
    const file = path.join(dist, "checksums.txt");
    if (!existsSync(file)) return "no checksums.txt";
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean).length;
    if (lines !== targetCount) return `checksums.txt has ${lines} lines, expected ${targetCount}`;
  }
  return undefined;
}

/** Total archive bytes: a contender that compressed less would show it here. */
export function archiveBytes(dist) {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".tar.gz") || f.endsWith(".zip"))
    .reduce((sum, f) => sum + statSync(path.join(dist, f)).size, 0);
}

const exe = (target) => (target.startsWith("windows/") ? ".exe" : "");

function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16);
}
