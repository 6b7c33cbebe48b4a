// Runs one contender command and measures wall time and memory.
//
// Memory is read two ways because they answer different questions: GNU time's maximum RSS is the
// largest single process (usually the linker or a compiler), and a /proc sampler sums the RSS of
// the whole process tree (what a CI runner must actually hold), which a short peak between two
// samples can escape.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { run } from "./proc.mjs";

export const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const hasProc = existsSync("/proc/self/stat");
const pageKB = 4;
const sampleEveryMs = 200;

/** What the memory columns mean on this machine, for the report. */
export function memoryMethod() {
  const parts = [];
  parts.push(
    gnuTime
      ? "largest process: `/usr/bin/time -v` maximum resident set size"
      : "largest process: not measured (no /usr/bin/time)",
  );
  parts.push(
    hasProc
      ? `whole tree and the node process: /proc sampled every ${sampleEveryMs} ms`
      : "whole tree: not measured (no /proc)",
  );
  return parts.join("; ");
}

/**
 * Runs cmd, returns { code, wallMs, cpuS, stdout, stderr, maxRssKB, treePeakKB, nodePeakKB }.
 * The clock covers exactly the child's lifetime: spawn to exit.
 */
export async function measure(cmd, args, { cwd, env, timeoutMs, scratchDir }) {
  const timeFile = path.join(scratchDir, "time-v.txt");
  rmSync(timeFile, { force: true });
  const [c, a] = gnuTime ? [gnuTime, ["-v", "-o", timeFile, cmd, ...args]] : [cmd, args];
  let sampler;
  const peaks = { tree: 0, node: 0 };
  const started = performance.now();
  const res = await run(c, a, {
    cwd,
    env,
    timeoutMs,
    group: true,
    onSpawn: (child) => {
      if (hasProc) sampler = setInterval(() => sampleTree(child.pid, peaks), sampleEveryMs);
    },
  });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  let maxRssKB;
  let cpuS;
  if (gnuTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, "utf8");
    const num = (re) => Number(re.exec(text)?.[1]);
    maxRssKB = num(/Maximum resident set size \(kbytes\): (\d+)/) || undefined;
    // User plus system CPU of the whole tree: how much work the contender did, whatever the load.
    cpuS = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
    if (!Number.isFinite(cpuS)) cpuS = undefined;
  }
  return {
    ...res,
    wallMs,
    cpuS,
    maxRssKB,
    treePeakKB: peaks.tree || undefined,
    nodePeakKB: peaks.node || undefined,
  };
}

/** Adds up the RSS of root and all its descendants; also tracks the largest `node` process. */
function sampleTree(root, peaks) {
  const procs = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited between readdir and read
    }
    // comm may contain spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    procs.set(Number(name), { comm, ppid: Number(fields[1]), rssKB: Number(fields[21]) * pageKB });
  }
  const children = new Map();
  for (const [pid, p] of procs) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    const p = procs.get(pid);
    if (p) {
      total += p.rssKB;
      if (p.comm === "node") peaks.node = Math.max(peaks.node, p.rssKB);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  peaks.tree = Math.max(peaks.tree, total);
}
