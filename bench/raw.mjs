#!/usr/bin/env node
import { spawn } from "node:child_process";
// The raw limit: goship's exact `go build` argv per target under a fixed schedule, then archives
// and checksums with the standard tools. No tool can do the same work with less than this.
//
//   node bench/raw.mjs --dir <module> --dist <dir> [--schedule all|pairs|seq] [--targets a/b,…]
import { createWriteStream } from "node:fs";
import { copyFile, link, mkdir, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { baseEnv, defaultTargets } from "./lib/go-env.mjs";
import { isEntryPoint, pool, runChecked } from "./lib/proc.mjs";
import { baseName, goBuildArgs, readReleaseMeta } from "./lib/release-meta.mjs";

/**
 * How many targets run at once. Every `go build` keeps Go's own default parallelism (GOMAXPROCS
 * and -p equal to the core count), so "all" oversubscribes the CPUs and "seq" leaves them idle
 * while a single package or the linker runs; which wins depends on the machine and the cache.
 */
export const schedules = {
  all: (targets) => targets.length,
  pairs: () => 2,
  seq: () => 1,
};

/** Builds, archives and checksums every target; returns the artifact file names in dist. */
export async function releaseRaw({
  dir,
  dist,
  targets = defaultTargets,
  schedule = "pairs",
  env = baseEnv(),
  name = "benchsubject",
  gzipLevel = 6,
}) {
  const meta = readReleaseMeta(dir, env);
  await rm(dist, { recursive: true, force: true });
  await mkdir(path.join(dist, "bin"), { recursive: true });
  const limit = schedules[schedule]?.(targets);
  if (!limit)
    throw new Error(`unknown schedule ${schedule}; use one of ${Object.keys(schedules).join(", ")}`);

  // Each target is archived and hashed as soon as its binary exists, so packaging overlaps with
  // the builds still running: the best a hand-written script can do.
  const archives = await pool(targets, limit, async (target) => {
    const [goos, goarch] = target.split("/");
    const exe = goos === "windows" ? ".exe" : "";
    const base = baseName(name, meta.version, target);
    const binary = path.join(dist, "bin", base + exe);
    await runChecked("go", goBuildArgs({ meta, output: binary, name }), {
      cwd: dir,
      env: { ...env, CGO_ENABLED: "0", GOOS: goos, GOARCH: goarch },
    });
    const archive = await writeArchive({ dir, dist, base, binary, entry: name + exe, goos, meta, gzipLevel });
    const { stdout } = await runChecked("sha256sum", [archive], { cwd: dist });
    await writeFile(path.join(dist, `${archive}.sha256`), stdout);
    return { archive, line: stdout };
  });
  // Sorted by name, like goship and GoReleaser, so the file does not depend on finishing order.
  archives.sort((a, b) => (a.archive < b.archive ? -1 : 1));
  await writeFile(path.join(dist, "checksums.txt"), archives.map((a) => a.line).join(""));
  return [...archives.flatMap((a) => [a.archive, `${a.archive}.sha256`]), "checksums.txt"];
}

/** One top folder with the binary, README and LICENSE, every mtime pinned to the commit time. */
async function writeArchive({ dir, dist, base, binary, entry, goos, meta, gzipLevel }) {
  const stage = path.join(dist, "stage", base);
  await mkdir(stage, { recursive: true });
  await link(binary, path.join(stage, entry));
  await copyFile(path.join(dir, "README.md"), path.join(stage, "README.md"));
  await copyFile(path.join(dir, "LICENSE"), path.join(stage, "LICENSE"));
  const files = ["LICENSE", "README.md", entry];
  for (const f of [...files.map((f) => path.join(stage, f)), stage]) {
    await utimes(f, meta.commitTime, meta.commitTime);
  }
  const cwd = path.dirname(stage);
  const members = files.map((f) => `${base}/${f}`);
  if (goos === "windows") {
    const archive = `${base}.zip`;
    // -X drops uid/gid and extended timestamps; TZ=UTC because zip stores local DOS times.
    await runChecked("zip", ["-q", "-X", "-D", `-${gzipLevel}`, path.join(dist, archive), ...members], {
      cwd,
      env: { ...process.env, TZ: "UTC" },
    });
    return archive;
  }
  const archive = `${base}.tar.gz`;
  await pipeToFile(
    [
      "tar",
      ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--format=gnu", "-cf", "-", "--", base],
      { cwd },
    ],
    ["gzip", ["-n", `-${gzipLevel}`]],
    path.join(dist, archive),
  );
  return archive;
}

/** `a | b > file` without a shell, failing if either side fails. */
function pipeToFile([cmdA, argsA, optsA], [cmdB, argsB], file) {
  return new Promise((resolve, reject) => {
    const a = spawn(cmdA, argsA, { ...optsA, stdio: ["ignore", "pipe", "inherit"] });
    const b = spawn(cmdB, argsB, { stdio: ["pipe", "pipe", "inherit"] });
    const out = createWriteStream(file);
    a.stdout.pipe(b.stdin);
    b.stdout.pipe(out);
    let pending = 3;
    const done = (what) => (code, signal) => {
      if (code !== 0) return reject(new Error(`${what} failed (${signal ?? code})`));
      if (--pending === 0) resolve();
    };
    a.on("error", reject).on("close", done(cmdA));
    b.on("error", reject).on("close", done(cmdB));
    out.on("error", reject).on("finish", () => done("write")(0));
  });
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dir: { type: "string" },
      dist: { type: "string" },
      schedule: { type: "string", default: "pairs" },
      targets: { type: "string", default: defaultTargets.join(",") },
    },
  });
  if (!values.dir || !values.dist)
    throw new Error("usage: raw.mjs --dir <module> --dist <dir> [--schedule all|pairs|seq]");
  const started = performance.now();
  const files = await releaseRaw({
    dir: path.resolve(values.dir),
    dist: path.resolve(values.dist),
    targets: values.targets.split(","),
    schedule: values.schedule,
  });
  console.log(
    `${files.length} files in ${((performance.now() - started) / 1000).toFixed(2)} s (schedule ${values.schedule})`,
  );
}
