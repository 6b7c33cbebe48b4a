// The split scenario: what a cold release costs when `goship ci` spreads it over n runners.
//
// Each shard runs exactly as it would on its own runner: `goship release --shard i/n` with its own
// empty GOCACHE and goship cache (a fresh runner has none), one after another so that each gets
// the whole machine, as a runner of the same size would. Then `goship merge` brings the parts
// together. The predicted wall time of n runners is the slowest shard plus the merge. Runner
// start-up (checkout, setup-go, artifact upload and download) is not goship's and not counted:
// the report says so next to the numbers.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fmtS, goal } from "./report.mjs";

export const splitRunnerCounts = [1, 2, 3, 6];

/**
 * Runs every shard of every runner count and the merge, checks that each merged dist has the
 * one-machine release's checksums.txt, and returns one row per runner count.
 */
export async function runSplitScenario({
  goshipEntry,
  subject,
  targets,
  outDir,
  cacheFor,
  timed,
  oneMachine,
}) {
  const rows = [];
  for (const n of splitRunnerCounts.filter((count) => count <= targets.length)) {
    const root = path.join(outDir, `split-${n}`);
    rmSync(root, { recursive: true, force: true });
    const shards = [];
    for (let i = 1; i <= n; i++) {
      const dist = path.join(root, `shard-${i}`);
      const args = [goshipEntry, "release", "--dir", subject, "--dist", dist, "--clean", "--snapshot"];
      args.push("--targets", targets.join(","), "--shard", `${i}/${n}`);
      shards.push(await timed(`split-${n}`, `shard ${i}/${n}`, args, cacheFor(`split-${n}-${i}`)));
    }
    const merged = path.join(root, "merged");
    const mergeArgs = [goshipEntry, "merge", ...shards.map((_, i) => path.join(root, `shard-${i + 1}`))];
    mergeArgs.push("--dir", subject, "--dist", merged, "--clean", "--snapshot");
    const merge = await timed(`split-${n}`, "merge", mergeArgs, cacheFor(`split-${n}-merge`));
    const failed = [...shards, merge].find((r) => !r.ok);
    const sameBytes = !failed && sameChecksums(merged, oneMachine.dist);
    const slowest = Math.max(...shards.map((r) => r.wallMs));
    rows.push({
      runners: n,
      shardsS: shards.map((r) => r.wallMs / 1000),
      mergeS: merge.wallMs / 1000,
      predictedS: (slowest + merge.wallMs) / 1000,
      cpuS: [...shards, merge].reduce((sum, r) => sum + (r.cpuS ?? 0), 0),
      ok: !failed && sameBytes,
      problem: failed?.problem ?? (sameBytes ? undefined : "merged checksums.txt differs from one machine's"),
    });
  }
  return rows;
}

function sameChecksums(a, b) {
  try {
    return (
      readFileSync(path.join(a, "checksums.txt"), "utf8") ===
      readFileSync(path.join(b, "checksums.txt"), "utf8")
    );
  } catch {
    return false;
  }
}

/** The table of the split scenario. */
export function renderSplit(rows, oneMachineS) {
  const md = [
    "### Cold release split across n CI runners (`goship release --shard i/n`, then `goship merge`)",
    "",
    "Each shard ran alone on this machine with an empty GOCACHE and goship cache, as on a fresh runner of the same size; predicted wall time = slowest shard + merge. Runner start-up and artifact transfer are not included. One machine: the cold scenario's goship median.",
    "",
    "| runners | shards (s) | merge (s) | predicted wall (s) | × one machine | CPU s, all runners | merged = one machine |",
    "|---:|---|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    md.push(
      `| ${r.runners} | ${r.shardsS.map(fmtS).join(", ")} | ${fmtS(r.mergeS)} | ${fmtS(r.predictedS)} | ${(r.predictedS / oneMachineS).toFixed(2)}× | ${fmtS(r.cpuS)} | ${r.ok ? "byte for byte" : `FAILED: ${r.problem}`} |`,
    );
  }
  md.push("");
  return md.join("\n");
}

/** The goal line: three runners must take at most 0.45× one machine's cold release. */
export function splitGoal(rows, oneMachineS) {
  const three = rows.find((r) => r.runners === 3 && r.ok);
  return goal("cold, 3 runners: predicted wall / one machine", three && three.predictedS / oneMachineS, 0.45);
}
