// The verification table: one row per artifact, one column per check, ✓ / ✗ / – (skipped).
import type { VerifyReport } from "./release.js";

export function formatVerifyTable(report: VerifyReport): string[] {
  const columns = [...new Set(report.artifacts.flatMap((a) => a.checks.map((c) => c.check)))];
  const width = Math.max(8, ...report.artifacts.map((a) => a.name.length));
  const head = `  ${"artifact".padEnd(width)}  ${columns.join("  ")}`;
  const rows = report.artifacts.map((artifact) => {
    const cells = columns.map((column) => {
      const check = artifact.checks.find((c) => c.check === column);
      const mark = !check ? "" : check.status === "pass" ? "✓" : check.status === "fail" ? "✗" : "–";
      return mark.padEnd(column.length);
    });
    return `  ${artifact.name.padEnd(width)}  ${cells.join("  ")}`;
  });
  return [head, ...rows];
}

/** `artifact: check — detail` for every failed check (of the checks `include` accepts). */
export function listFailures(
  report: VerifyReport,
  include: (check: string) => boolean = () => true,
): string[] {
  return report.artifacts.flatMap((a) =>
    a.checks
      .filter((c) => c.status === "fail" && include(c.check))
      .map((c) => `${a.name}: ${c.check}${c.detail ? ` — ${c.detail}` : ""}`),
  );
}
