#!/usr/bin/env node
// `npm run bench`: goship against GoReleaser, the raw limit and the seed's shell loop, side by side
// in one invocation, runs alternated between contenders. Writes bench/RESULTS.md. See bench/README.md.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { changeSubject, defaultFiles, generateSubject } from "./generate.mjs";
import { ensureGoreleaser } from "./goreleaser.mjs";
import { archiveBytes, createContenders, goshipMain, snapshotGoship, verifyDist } from "./lib/contenders.mjs";
import {
  baseEnv,
  benchDir,
  defaultTargets,
  goModCache,
  hostTarget,
  scalingTargets,
  workDir,
} from "./lib/go-env.mjs";
import { linkTree } from "./lib/link-tree.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { measure, memoryMethod } from "./lib/measure.mjs";
import { runChecked, runSync } from "./lib/proc.mjs";
import { readReleaseMeta } from "./lib/release-meta.mjs";
import { fmtMB, fmtS, rawLimit } from "./lib/report.mjs";
import { renderResults, byContender as summarizeScenario, targetCounts } from "./lib/results.mjs";
import { sha256File } from "./lib/sha256.mjs";
import { runSplitScenario } from "./lib/split.mjs";

const { values: opt } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "cold-runs": { type: "string", default: "1" },
    "scaling-runs": { type: "string", default: "1" },
    scenarios: { type: "string", default: "cold,split,warm,change,single" },
    contenders: { type: "string", default: "goship,goreleaser,raw,seed" },
    "raw-schedules": { type: "string", default: "all,pairs,seq" },
    "cold-raw-schedules": { type: "string", default: "all,pairs" },
    scaling: { type: "string", default: "targets,size" },
    "scaling-contenders": { type: "string", default: "goship,goreleaser,raw" },
    targets: { type: "string", default: defaultTargets.join(",") },
    files: { type: "string", default: String(defaultFiles) },
    "large-files": { type: "string", default: String(defaultFiles * 2) },
    note: { type: "string", default: "" },
    out: { type: "string", default: path.join(benchDir, "RESULTS.md") },
    "timeout-min": { type: "string", default: "30" },
    "keep-caches": { type: "boolean", default: false },
  },
});
const list = (s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const int = (s, what) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${what} must be a whole number, got ${s}`);
  return n;
};
const runs = int(opt.runs, "runs");
const coldRuns = int(opt["cold-runs"], "cold-runs");
const scalingRuns = int(opt["scaling-runs"], "scaling-runs");
const scenarios = list(opt.scenarios);
const timeoutMs = int(opt["timeout-min"], "timeout-min") * 60_000;
const releaseTargets = list(opt.targets);

const subject = path.join(workDir, "subject");
const largeSubject = path.join(workDir, "subject-large");
const outDir = path.join(workDir, "out");
const cachesDir = path.join(workDir, "caches");
const scratchDir = path.join(workDir, "scratch");
const logsDir = path.join(workDir, "logs");
const benchStarted = Date.now();
const log = (...a) => console.error(...a);
const elapsed = () => `${((Date.now() - benchStarted) / 60000).toFixed(1)} min`;

// ---- setup ------------------------------------------------------------------------------------

// Caches from an earlier invocation describe another subject or another goship build: start clean.
rmSync(cachesDir, { recursive: true, force: true });
rmSync(outDir, { recursive: true, force: true });
rmSync(logsDir, { recursive: true, force: true });
mkdirSync(scratchDir, { recursive: true });

log(`generating the subject (${opt.files} files)`);
generateSubject({ dir: subject, files: int(opt.files, "files") });
// The one moment the network is used; every timed run below has GOPROXY=off.
runSync("go", ["mod", "download"], { cwd: subject, env: baseEnv() });
const modCache = goModCache();
const host = hostTarget();

const missing = new Map();
const wanted = list(opt.contenders);
if (wanted.includes("goreleaser")) {
  try {
    await ensureGoreleaser({ log });
  } catch (e) {
    missing.set("goreleaser", `GoReleaser could not be installed: ${e.message.split("\n")[0]}`);
  }
}
const goshipEntry = existsSync(goshipMain) ? snapshotGoship() : undefined;
const all = createContenders({ rawSchedules: list(opt["raw-schedules"]), goshipEntry });
const contenders = [
  ...(wanted.includes("goship") ? [all.goship] : []),
  ...(wanted.includes("goreleaser") ? [all.goreleaser] : []),
  ...(wanted.includes("raw") ? all.raws : []),
  ...(wanted.includes("seed") ? [all.seed] : []),
];
for (const c of contenders) {
  const why = missing.get(c.id) ?? c.missing();
  if (why) missing.set(c.id, why);
}
for (const [id, why] of missing) log(`\n!! ${id} will not run: ${why}\n`);
const active = contenders.filter((c) => !missing.has(c.id));

// ---- running ----------------------------------------------------------------------------------

const records = []; // { scenario, contender, run, wallMs, ok, problem, … }
const cacheEnv = (dir) => ({
  GOCACHE: path.join(dir, "go-build"),
  GOSHIP_CACHE_DIR: path.join(dir, "goship"),
  XDG_CACHE_HOME: path.join(dir, "xdg"),
  GOMODCACHE: modCache,
  GOPROXY: "off",
});
const warmCache = (c) => path.join(cachesDir, c.id, "warm");

/** One timed, verified run. Failures are recorded and shown, never counted in the statistics. */
async function timedRun(
  c,
  { scenario, run: n, dir = subject, targets = releaseTargets, single = false, cache, record = true },
) {
  const dist = path.join(outDir, c.id);
  const { cmd, args, env } = c.command({ subject: dir, dist, targets, single });
  const load = os.loadavg()[0];
  const r = await measure(cmd, args, {
    cwd: dir,
    env: baseEnv({ ...cacheEnv(cache), ...env }),
    timeoutMs,
    scratchDir,
  });
  let problem =
    r.code !== 0 ? `exit ${r.code}: ${head(r.stderr || r.stdout)}` : verifyDist(c, dist, targets.length);
  if (problem) {
    const file = path.join(logsDir, `${scenario}-${n}-${c.id}.log`);
    mkdirSync(logsDir, { recursive: true });
    writeFileSync(file, `$ ${cmd} ${args.join(" ")}\n\n${r.stdout}\n${r.stderr}`);
    // Repository-relative paths keep RESULTS.md free of this machine's directory layout.
    problem = `${problem.replaceAll(`${path.dirname(benchDir)}${path.sep}`, "")} (full output: ${path.relative(path.dirname(benchDir), file)})`;
  }
  const rec = {
    scenario,
    contender: c.id,
    run: n,
    targets: targets.length,
    wallMs: r.wallMs,
    ok: !problem,
    problem,
    load,
    ...pick(r),
  };
  if (!problem && (scenario === "cold" || scenario === "warm") && n === 1)
    rec.output = describeOutput(c, dist, dir, targets);
  if (record) records.push(rec);
  log(
    `  ${scenario.padEnd(14)} #${String(n).padEnd(2)} ${c.id.padEnd(10)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s  ${problem ? `FAILED: ${problem}` : "ok"}  (cpu ${fmtS(r.cpuS)} s, tree peak ${fmtMB(r.treePeakKB)}, load ${load.toFixed(1)})`,
  );
  return rec;
}

/** Digest of the host binary and total archive bytes: proof that contenders made the same thing. */
function describeOutput(c, dist, dir, targets) {
  const target = targets.includes(host) ? host : targets[0];
  const { version } = readReleaseMeta(dir, baseEnv());
  const bin = c.binaryPath(dist, version, target);
  const found = existsSync(bin);
  return {
    target,
    binarySha256: found ? sha256File(bin) : undefined,
    binaryBytes: found ? statSync(bin).size : undefined,
    archiveBytes: archiveBytes(dist),
  };
}

/** Untimed run that fills a contender's warm cache for the given targets, once per need. */
async function warmUp(c, { dir = subject, targets = releaseTargets, cache = warmCache(c), why }) {
  log(`  warming ${c.id} (${why})`);
  return timedRun(c, { scenario: "warm-up", run: 0, dir, targets, cache, record: false });
}

const warmed = new Set();
async function ensureWarm(c) {
  if (warmed.has(c.id)) return;
  const rec = await warmUp(c, { why: "its own cache, default targets" });
  if (rec.ok) warmed.add(c.id);
}

const phases = [];
async function phase(name, fn) {
  const t = Date.now();
  log(`\n== ${name} (${elapsed()} elapsed)`);
  await fn();
  phases.push({ name, seconds: (Date.now() - t) / 1000 });
}

// A sequential cold build leaves a core idle whenever one package or the linker runs alone, so
// on few cores it is the slowest raw schedule by far; it is left out of the cold scenario by
// default (it costs a minute and a half) and measured in every warm scenario instead.
const coldRawSchedules = list(opt["cold-raw-schedules"]);
const coldActive = active.filter((c) => !c.isRaw || coldRawSchedules.includes(c.id.replace(/^raw-/, "")));

if (scenarios.includes("cold")) {
  await phase("cold build cache", async () => {
    for (let n = 1; n <= coldRuns; n++) {
      for (const c of coldActive) {
        const cache = path.join(cachesDir, c.id, `cold-${n}`);
        rmSync(cache, { recursive: true, force: true });
        const rec = await timedRun(c, { scenario: "cold", run: n, cache });
        // The last cold run's caches become the contender's warm caches: it warmed them itself.
        if (n === coldRuns && rec.ok) {
          rmSync(warmCache(c), { recursive: true, force: true });
          renameSync(cache, warmCache(c));
          warmed.add(c.id);
        } else {
          rmSync(cache, { recursive: true, force: true });
        }
      }
    }
    // Raw schedules run the same argv, so one that skipped the cold scenario starts from a link of
    // another raw schedule's warm cache instead of paying for its own cold build.
    const donor = active.find((c) => c.isRaw && warmed.has(c.id));
    for (const c of active.filter((x) => x.isRaw && !warmed.has(x.id) && donor)) {
      linkTree(path.join(warmCache(donor), "go-build"), path.join(warmCache(c), "go-build"));
      warmed.add(c.id);
    }
  });
}

// Right after the cold scenario, on the same commit: the merged release must equal its bytes.
let split;
const goshipContender = active.find((c) => c.id === "goship");
if (scenarios.includes("split") && goshipContender) {
  await phase("cold release split across n runners", async () => {
    let one = summarizeScenario(records, contenders, "cold").get("goship");
    if (!one?.ok) {
      await timedRun(goshipContender, {
        scenario: "split-one",
        run: 1,
        cache: path.join(cachesDir, "split-one"),
      });
      one = summarizeScenario(records, contenders, "split-one").get("goship");
    }
    if (!one?.ok) return;
    const rows = await runSplitScenario({
      goshipEntry,
      subject,
      targets: releaseTargets,
      outDir,
      oneMachine: { dist: path.join(outDir, "goship") },
      cacheFor: (name) => path.join(cachesDir, "split", name),
      timed: async (scenario, label, args, cache) => {
        rmSync(cache, { recursive: true, force: true });
        const r = await measure(process.execPath, args, {
          cwd: subject,
          env: baseEnv(cacheEnv(cache)),
          timeoutMs,
          scratchDir,
        });
        rmSync(cache, { recursive: true, force: true });
        const problem = r.code === 0 ? undefined : `exit ${r.code}: ${head(r.stderr || r.stdout)}`;
        log(
          `  ${scenario.padEnd(14)} ${label.padEnd(12)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s  ${problem ? `FAILED: ${problem}` : "ok"}`,
        );
        return { ok: !problem, problem, wallMs: r.wallMs, cpuS: r.cpuS };
      },
    });
    split = { rows, oneMachineS: one.median };
  });
}

if (scenarios.includes("warm")) {
  await phase("warm cache, no change", async () => {
    for (const c of active) await ensureWarm(c);
    for (let n = 1; n <= runs; n++)
      for (const c of active) await timedRun(c, { scenario: "warm", run: n, cache: warmCache(c) });
  });
}

// Each run commits one more edit to the same file, so every contender sees exactly one changed
// file since its own previous build, whichever contender ran in between.
if (scenarios.includes("change")) {
  await phase("warm cache, one-file change", async () => {
    for (const c of active) await ensureWarm(c);
    for (let n = 1; n <= runs; n++) {
      for (const c of active) {
        changeSubject(subject);
        await timedRun(c, { scenario: "change", run: n, cache: warmCache(c) });
      }
    }
  });
}

// One target has nothing to schedule, so a single raw schedule stands for the limit.
const singleContenders = active.filter((c) => !c.isRaw || c === active.find((x) => x.isRaw));
if (scenarios.includes("single")) {
  await phase(`single target (${host}), warm cache, one-file change`, async () => {
    for (const c of singleContenders) await ensureWarm(c);
    for (let n = 1; n <= runs; n++) {
      for (const c of singleContenders) {
        changeSubject(subject);
        await timedRun(c, { scenario: "single", run: n, targets: [host], single: true, cache: warmCache(c) });
      }
    }
  });
}

// ---- scaling ----------------------------------------------------------------------------------

const scaling = list(opt.scaling);
const bestRaw = () => {
  for (const scenario of ["change", "cold", "warm"]) {
    const best = rawLimit(byContender(scenario));
    if (best) return active.find((c) => c.id === best.id);
  }
  return active.find((c) => c.isRaw);
};
const scalingSet = () => {
  const want = list(opt["scaling-contenders"]);
  return active.filter((c) => (c.isRaw ? want.includes("raw") && c === bestRaw() : want.includes(c.id)));
};
const byContender = (scenario) => summarizeScenario(records, contenders, scenario);

/**
 * Six default targets after a one-file change is exactly the change scenario; when that ran,
 * its runs stand for this scaling point instead of being repeated.
 */
const reused = new Set();
function reuseChange(scenario) {
  if (releaseTargets.join() !== scalingTargets.slice(0, 6).join()) return false;
  const from = records.filter(
    (r) => r.scenario === "change" && scalingSet().some((c) => c.id === r.contender),
  );
  if (!from.length) return false;
  if (!reused.has(scenario)) records.push(...from.map((r) => ({ ...r, scenario, output: undefined })));
  reused.add(scenario);
  return true;
}

/**
 * Fills a template GOCACHE by running the plain `go build`s once (untimed) and hard-links it into
 * each scaling contender's cache. Every contender then starts from the same entries for the
 * extra targets or the larger subject, and nobody pays minutes of warm-up per contender for
 * compiles whose results are identical anyway.
 */
async function seedCaches({ dir, targets, into }) {
  const template = path.join(cachesDir, "template");
  rmSync(template, { recursive: true, force: true });
  log(`  filling a template cache (${targets.length} targets, ${path.basename(dir)})`);
  await runChecked(
    process.execPath,
    [
      path.join(benchDir, "raw.mjs"),
      "--dir",
      dir,
      "--dist",
      path.join(outDir, "template"),
      "--schedule",
      "pairs",
      "--targets",
      targets.join(","),
    ],
    {
      env: baseEnv(cacheEnv(template)),
      group: true,
    },
  );
  for (const cache of into) linkTree(path.join(template, "go-build"), path.join(cache, "go-build"));
  rmSync(template, { recursive: true, force: true });
}

// Target scaling runs in the one-file-change regime: every count gets the same kind of work (a
// small recompile, then link, archive and hash per target), and it costs minutes, not an hour.
if (scaling.includes("targets") && scalingRuns > 0) {
  await phase("scaling: number of targets (warm cache, one-file change)", async () => {
    for (const c of scalingSet()) await ensureWarm(c);
    await seedCaches({
      dir: subject,
      targets: scalingTargets.filter((t) => !releaseTargets.includes(t)),
      into: scalingSet().map(warmCache),
    });
    for (let n = 1; n <= scalingRuns; n++) {
      for (const count of targetCounts) {
        if (count === releaseTargets.length && reuseChange("targets-6")) continue;
        for (const c of scalingSet()) {
          changeSubject(subject);
          await timedRun(c, {
            scenario: `targets-${count}`,
            run: n,
            targets: scalingTargets.slice(0, count),
            cache: warmCache(c),
          });
        }
      }
    }
  });
}

// Size scaling: the same regime on a subject with twice the code. Each contender's cache
// holds its own warm cache plus the template's entries for the larger subject.
if (scaling.includes("size") && scalingRuns > 0) {
  await phase(`scaling: binary size (${opt["large-files"]} files, warm cache, one-file change)`, async () => {
    generateSubject({ dir: largeSubject, files: int(opt["large-files"], "large-files") });
    const largeCache = (c) => path.join(cachesDir, c.id, "large");
    for (const c of scalingSet()) {
      await ensureWarm(c);
      rmSync(largeCache(c), { recursive: true, force: true });
      linkTree(path.join(warmCache(c), "go-build"), path.join(largeCache(c), "go-build"));
    }
    await seedCaches({
      dir: largeSubject,
      targets: releaseTargets,
      into: scalingSet().map(largeCache),
    });
    for (let n = 1; n <= scalingRuns; n++) {
      for (const size of ["small", "large"]) {
        if (size === "small" && reuseChange("size-small")) continue;
        for (const c of scalingSet()) {
          const dir = size === "large" ? largeSubject : subject;
          changeSubject(dir);
          await timedRun(c, {
            scenario: `size-${size}`,
            run: n,
            dir,
            cache: size === "large" ? largeCache(c) : warmCache(c),
          });
        }
      }
    }
  });
}

// ---- report -----------------------------------------------------------------------------------

const totalMinutes = (Date.now() - benchStarted) / 60000;
const { markdown, terminal } = renderResults({
  records,
  contenders,
  host,
  machine: describeMachine({ goshipEntry }),
  memoryMethod: memoryMethod(),
  cpus: os.availableParallelism(),
  missing,
  phases,
  reused,
  scalingIds: scalingSet().map((c) => c.id),
  split,
  totalMinutes,
  opts: {
    argv: process.argv.slice(2),
    note: opt.note,
    files: opt.files,
    largeFiles: opt["large-files"],
    targets: releaseTargets,
    coldRuns,
    runs,
    scalingRuns,
  },
});
writeFileSync(opt.out, markdown);
console.log(`\n${terminal}\n`);
log(`wrote ${path.relative(process.cwd(), opt.out)} (${totalMinutes.toFixed(1)} min)`);
if (!opt["keep-caches"]) rmSync(cachesDir, { recursive: true, force: true });
if (missing.has("goship")) process.exitCode = 2;

// ---- helpers ----------------------------------------------------------------------------------

function pick(r) {
  return { cpuS: r.cpuS, maxRssKB: r.maxRssKB, treePeakKB: r.treePeakKB, nodePeakKB: r.nodePeakKB };
}

/** The first lines of a failure: where goship and the tools put the message that matters. */
function head(text, lines = 3) {
  return text
    .trim()
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, lines)
    .join(" / ");
}
