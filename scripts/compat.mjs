#!/usr/bin/env node
// npm run test:compat — runs GoReleaser and goship on the same GoReleaser fixtures, in the same
// directory and environment, and compares the artifact names, the archive listings and the binary
// digests. Needs `npm run build` (the script entry does it) and GoReleaser v2:
//   go install github.com/goreleaser/goreleaser/v2@v2.15.1   (or GORELEASER=/path/to/goreleaser)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readArchive } from "../dist/archive/read/index.js";

const root = path.resolve(import.meta.dirname, "..");
const fixtures = path.join(root, "test/fixtures/goreleaser");
const goship = path.join(root, "dist/cli/main.js");
const wantedVersion = "v2.15.1";
/** How each fixture is released: a tagged release, or a snapshot (which uses snapshot.version_template). */
const snapshotFixtures = new Set(["split"]);

function findGoreleaser() {
  const candidates = [process.env.GORELEASER, path.join(root, "bench/.cache/bin/goreleaser"), "goreleaser"];
  for (const candidate of candidates.filter(Boolean)) {
    const run = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    if (run.status === 0)
      return { bin: candidate, version: /GitVersion:\s*(\S+)/.exec(run.stdout)?.[1] ?? "unknown" };
  }
  return undefined;
}

/** Both tools get the same environment: no GOFLAGS and no `go env -w` file, so neither sees local settings. */
function cleanEnv() {
  const env = { ...process.env, GOENV: "off", GOTOOLCHAIN: "local", GIT_AUTHOR_DATE: "2024-03-01T12:00:00Z" };
  env.GIT_COMMITTER_DATE = env.GIT_AUTHOR_DATE;
  delete env.GOFLAGS;
  delete env.SOURCE_DATE_EPOCH;
  delete env.GORELEASER_CURRENT_TAG;
  return env;
}

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

function gitRepo(fixture, env) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `goship-compat-${path.basename(fixture)}-`));
  cpSync(fixture, dir, { recursive: true });
  const git = (...args) =>
    run("git", ["-c", "user.name=Compat", "-c", "user.email=compat@example.com", ...args], dir, env);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "release");
  git("tag", "v1.2.3");
  // GoReleaser reads the remote URL even when it publishes nothing.
  git("remote", "add", "origin", "https://github.com/example/project.git");
  return dir;
}

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** The slices of a fat Mach-O as "cputype:sha256" sorted by CPU type: its contents, whatever the order. */
function fatSlices(bytes) {
  const count = bytes.readUInt32BE(4);
  const slices = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 20;
    const [cpu, offset, size] = [
      bytes.readUInt32BE(at),
      bytes.readUInt32BE(at + 8),
      bytes.readUInt32BE(at + 12),
    ];
    slices.push(
      `${cpu}:${createHash("sha256")
        .update(bytes.subarray(offset, offset + size))
        .digest("hex")}`,
    );
  }
  return slices.sort().join(",");
}

/**
 * What a release published, from its artifacts.json: the asset names (archives, binaries released
 * as they are, checksum files), every built binary by its dist path with its digest, and the
 * entries of every archive. GoReleaser's released-as-is binaries are names over the built file;
 * goship writes them as files of that name, so both are compared by name.
 */
async function describe(dist, tool) {
  const records = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8"));
  const rel = (p) =>
    tool === "goreleaser"
      ? path.relative(dist, path.resolve(path.dirname(dist), p.replace(/^dist\//, `${path.basename(dist)}/`)))
      : p;
  const names = [];
  const binaries = {};
  const universal = new Set();
  const slices = {};
  const archives = {};
  const headers = {};
  const sources = {};
  const checksumLines = {};
  // Every name the release records, whatever its kind: checksum lines naming none of them are
  // checksum.extra_files.
  const recorded = new Set(records.map((r) => r.name));
  for (const record of records) {
    const kind = tool === "goreleaser" ? record.type : record.kind;
    const file = rel(record.path);
    // GoReleaser's artifacts.json calls a universal binary a Binary of goarch "all".
    if (kind === "universal-binary" || (kind === "Binary" && record.goarch === "all")) {
      binaries[file] = sha256(path.join(dist, file));
      universal.add(file);
      slices[file] = fatSlices(readFileSync(path.join(dist, file)));
    } else if (kind === "Source" || kind === "source-archive") {
      // The source archive's whole listing, in order: type, mode, owner, group and name of each entry.
      names.push(record.name);
      const listing = await readArchive(readFileSync(path.join(dist, file)));
      sources[record.name] = listing.entries.map(
        (e) => `${e.type} ${e.mode.toString(8)} ${e.uname}/${e.gname} ${e.name}`,
      );
    } else if (kind === "Binary" || kind === "binary") {
      const built = tool === "goship" || path.basename(file) === record.name;
      if (built) binaries[file] = sha256(path.join(dist, file));
      else names.push(record.name);
    } else if (["Archive", "Checksum", "archive", "checksum", "checksums"].includes(kind)) {
      names.push(record.name);
      if (/\.(tar\.gz|tgz|tar|zip)$/.test(record.name)) {
        const listing = await readArchive(readFileSync(path.join(dist, file)));
        const files = listing.entries.filter((e) => e.type !== "dir");
        archives[record.name] = files.map((e) => e.name).sort();
        // Header fields set by builds_info and files[].info (owner, group, mode); mtimes are not
        // compared: GoReleaser takes unset ones from the disk.
        headers[record.name] = files
          .map((e) => `${e.name} ${e.mode.toString(8)} ${e.uname}/${e.gname}`)
          .sort();
      }
      if (kind === "Checksum" || kind === "checksums") {
        for (const line of readFileSync(path.join(dist, file), "utf8").split("\n").filter(Boolean)) {
          // GoReleaser's split files hold a bare digest: no name, nothing to compare by name.
          const [hex, name] = line.split("  ");
          if (name !== undefined) checksumLines[name] = hex;
        }
      }
    }
  }
  return {
    names: names.sort(),
    binaries,
    universal,
    slices,
    archives,
    headers,
    sources,
    checksumLines,
    recorded,
  };
}

function compare(label, a, b, { headers = false } = {}) {
  const problems = [];
  const onlyA = [...a.names, ...Object.keys(a.binaries)].filter(
    (n) => !b.names.includes(n) && !(n in b.binaries),
  );
  const onlyB = [...b.names, ...Object.keys(b.binaries)].filter(
    (n) => !a.names.includes(n) && !(n in a.binaries),
  );
  if (onlyA.length) problems.push(`only GoReleaser made: ${onlyA.join(", ")}`);
  if (onlyB.length) problems.push(`only goship made: ${onlyB.join(", ")}`);
  let same = 0;
  let sameUniversal = 0;
  let reordered = 0;
  for (const [file, digest] of Object.entries(a.binaries)) {
    if (b.binaries[file] === digest) {
      same++;
      if (a.universal.has(file)) sameUniversal++;
    } else if (a.universal.has(file) && b.slices[file] && a.slices[file] === b.slices[file]) {
      // GoReleaser v2.15.1 writes the slices in the order their builds finished, so its own
      // universal binary changes from run to run; goship's order is fixed (by CPU type).
      reordered++;
    } else if (b.binaries[file]) problems.push(`binary differs: ${file}: ${digest} vs ${b.binaries[file]}`);
  }
  const notes = [];
  if (a.universal.size > 0)
    notes.push(
      `${sameUniversal}/${a.universal.size} universal binaries byte-identical` +
        (reordered ? ` (${reordered} with identical slices in GoReleaser's run-dependent order)` : ""),
    );
  for (const [name, entries] of Object.entries(a.sources)) {
    const ours = b.sources[name];
    if (!ours) continue;
    const firstDiff = entries.findIndex((e, i) => ours[i] !== e);
    if (firstDiff === -1 && ours.length === entries.length)
      notes.push(`source ${name}: ${entries.length} entries equal (names, order, modes, owners)`);
    else
      problems.push(
        `source listing differs: ${name} at entry ${firstDiff === -1 ? entries.length : firstDiff}: ${entries[firstDiff] ?? "(end)"} vs ${ours[firstDiff === -1 ? entries.length : firstDiff] ?? "(end)"}`,
      );
  }
  // Checksum lines of files outside the release (checksum.extra_files): same name, same digest.
  const assets = new Set([...a.recorded, ...b.recorded, ...a.names, ...b.names]);
  const extra = Object.keys(a.checksumLines).filter((n) => !assets.has(n) && !n.includes("/"));
  const extraEqual = extra.filter((n) => b.checksumLines[n] === a.checksumLines[n]);
  for (const n of extra.filter((n) => !extraEqual.includes(n)))
    problems.push(
      `checksum line differs for extra file ${n}: ${a.checksumLines[n]} vs ${b.checksumLines[n] ?? "(none)"}`,
    );
  for (const n of Object.keys(b.checksumLines).filter((n) => !assets.has(n) && !(n in a.checksumLines)))
    problems.push(`only goship lists ${n} in its checksums`);
  if (extra.length > 0) notes.push(`${extraEqual.length}/${extra.length} extra-file checksum lines equal`);
  if (headers) {
    let equal = 0;
    for (const [name, entries] of Object.entries(a.headers)) {
      if (!b.headers[name]) continue;
      if (JSON.stringify(b.headers[name]) === JSON.stringify(entries)) equal++;
      else
        problems.push(
          `archive headers differ: ${name}: ${JSON.stringify(entries)} vs ${JSON.stringify(b.headers[name])}`,
        );
    }
    notes.push(`${equal}/${Object.keys(a.headers).length} archives with equal owners, groups and modes`);
  }
  for (const [file, entries] of Object.entries(a.archives)) {
    if (b.archives[file] && JSON.stringify(b.archives[file]) !== JSON.stringify(entries)) {
      problems.push(
        `archive listing differs: ${file}: ${JSON.stringify(entries)} vs ${JSON.stringify(b.archives[file])}`,
      );
    }
  }
  const total = Object.keys(a.binaries).length;
  console.log(
    `${problems.length ? "✗" : "✓"} ${label}: ${a.names.length} assets + ${Object.keys(a.binaries).length} binaries, names ${onlyA.length + onlyB.length ? "differ" : "equal"}; ` +
      `${same}/${total} binaries byte-identical; ${Object.keys(a.archives).length} archive listings compared` +
      (notes.length ? `; ${notes.join("; ")}` : ""),
  );
  for (const problem of problems) console.log(`    ${problem}`);
  return problems.length === 0;
}

async function main() {
  if (!existsSync(goship)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  const goreleaser = findGoreleaser();
  // `node scripts/compat.mjs formats universal` (after `npm run build`) compares only the fixtures named.
  const only = process.argv.slice(2);
  const cases = readdirSync(fixtures)
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  if (!goreleaser) {
    console.log("goreleaser is MISSING: the GoReleaser comparison did not run.");
    console.log(`  install it with: go install github.com/goreleaser/goreleaser/v2@${wantedVersion}`);
    console.log("  or point GORELEASER at a binary. Unit and integration tests still check goship's side.");
    console.log(`0 passed, 0 failed, ${cases.length} skipped`);
    return;
  }
  if (goreleaser.version !== wantedVersion) {
    console.log(
      `note: comparing with GoReleaser ${goreleaser.version}; the fixtures were written for ${wantedVersion}`,
    );
  }
  console.log(`GoReleaser ${goreleaser.version} (${goreleaser.bin}) vs goship on ${cases.length} fixtures`);
  const env = cleanEnv();
  let passed = 0;
  let failed = 0;
  for (const name of cases) {
    const dir = gitRepo(path.join(fixtures, name), env);
    const cleanup = [dir];
    try {
      const snapshot = snapshotFixtures.has(name) ? ["--snapshot"] : [];
      run(goreleaser.bin, ["release", "--clean", "--skip=publish,announce", ...snapshot], dir, env);
      // Out of the work tree: an untracked folder would make goship's builds stamp vcs.modified=true.
      const theirs = `${dir}.goreleaser-dist`;
      renameSync(path.join(dir, "dist"), theirs);
      cleanup.push(theirs);
      run(process.execPath, [goship, "release", ...snapshot], dir, env);
      const ours = path.join(dir, "dist");
      const a = await describe(theirs, "goreleaser");
      const b = await describe(ours, "goship");
      // Archive headers are compared where the config sets them (builds_info, files[].info).
      const configFile = [".goreleaser.yaml", ".goreleaser.yml"]
        .map((f) => path.join(fixtures, name, f))
        .find((f) => existsSync(f));
      const headers = configFile !== undefined && readFileSync(configFile, "utf8").includes("builds_info");
      if (compare(`${name}${snapshot.length ? " (snapshot)" : ""}`, a, b, { headers })) passed++;
      else failed++;
    } catch (error) {
      failed++;
      console.log(`✗ ${name}: ${error.message}`);
    } finally {
      for (const leftover of cleanup) rmSync(leftover, { recursive: true, force: true });
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
