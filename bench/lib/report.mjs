// Turns recorded runs into the statistics, tables and bench/RESULTS.md text.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Per contender: median/min/max wall seconds over the runs that passed verification. */
export function summarize(runs) {
  const ok = runs.filter((r) => r.ok);
  const secs = ok.map((r) => r.wallMs / 1000);
  const peak = (key) => Math.max(0, ...ok.map((r) => r[key] ?? 0)) || undefined;
  const cpu = ok.map((r) => r.cpuS).filter((x) => x !== undefined);
  return {
    runs: runs.length,
    ok: ok.length,
    median: secs.length ? median(secs) : undefined,
    min: secs.length ? Math.min(...secs) : undefined,
    max: secs.length ? Math.max(...secs) : undefined,
    cpu: cpu.length ? median(cpu) : undefined,
    treePeakKB: peak("treePeakKB"),
    maxRssKB: peak("maxRssKB"),
    nodePeakKB: peak("nodePeakKB"),
    failures: runs.filter((r) => !r.ok).map((r) => r.problem),
  };
}

/** The raw limit of a set of summaries: the best raw schedule's median. */
export function rawLimit(byContender) {
  let best;
  for (const [id, s] of byContender) {
    if (id.startsWith("raw-") && s.median !== undefined && (!best || s.median < best.median))
      best = { id, ...s };
  }
  return best;
}

export const fmtS = (s) => (s === undefined ? "—" : s < 10 ? s.toFixed(2) : s.toFixed(1));
export const fmtX = (a, b) => (a === undefined || !b ? "—" : `${(a / b).toFixed(2)}×`);
export const fmtMB = (kb) => (kb === undefined ? "—" : `${Math.round(kb / 1024)} MB`);

/** Markdown table of one scenario. */
export function scenarioTable(byContender, labels) {
  const gr = byContender.get("goreleaser")?.median;
  const raw = rawLimit(byContender)?.median;
  const rows = [
    "| contender | median s | min s | max s | ok runs | × GoReleaser | × raw limit | CPU s | tree peak | largest process |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [id, s] of byContender) {
    rows.push(
      `| ${labels.get(id) ?? id} | ${fmtS(s.median)} | ${fmtS(s.min)} | ${fmtS(s.max)} | ${s.ok}/${s.runs} | ${fmtX(s.median, gr)} | ${fmtX(s.median, raw)} | ${fmtS(s.cpu)} | ${fmtMB(s.treePeakKB)} | ${fmtMB(s.maxRssKB)} |`,
    );
  }
  return rows.join("\n");
}

/** Plain-text version for the terminal. */
export function consoleTable(title, byContender, labels) {
  const gr = byContender.get("goreleaser")?.median;
  const raw = rawLimit(byContender)?.median;
  const lines = [title];
  for (const [id, s] of byContender) {
    const label = (labels.get(id) ?? id).padEnd(28);
    lines.push(
      `  ${label} median ${fmtS(s.median).padStart(6)} s  [${fmtS(s.min)}–${fmtS(s.max)}]  ${s.ok}/${s.runs} ok  ×GR ${fmtX(s.median, gr).padStart(6)}  ×raw ${fmtX(s.median, raw).padStart(6)}  cpu ${fmtS(s.cpu).padStart(6)} s`,
    );
  }
  return lines.join("\n");
}

/** A "goal met / missed by how much" line for the acceptance figures. */
export function goal(label, value, limit) {
  if (value === undefined) return `- ${label}: not measured`;
  const verdict = value <= limit ? "met" : `missed by ${((value / limit - 1) * 100).toFixed(0)}%`;
  return `- ${label}: ${value.toFixed(2)} (goal ≤ ${limit.toFixed(2)}) — ${verdict}`;
}
