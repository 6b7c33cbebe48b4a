// The verification's result: reproducibility.json (stable: no times, no local paths) and the lines
// a user reads when something differs.
import type { ReleaseError } from "../errors.js";
import type { FieldDifference } from "./archive-diff.js";
import type { BinaryDiff } from "./binary-diff.js";
import type { Cause } from "./causes.js";
import { type ArtifactResult, countReproduced } from "./compare.js";
import type { Diagnosis } from "./diagnose.js";
import type { EnvDifference } from "./environment.js";
import { NotReproducibleError, RebuildFailedError } from "./errors.js";
import type { UntrackedInput } from "./untracked.js";

export type ReportVerdict = "reproduced" | "not reproduced" | "rebuild failed";

export interface ReproducibilityReport {
  readonly version: string;
  readonly commit: string;
  readonly verdict: ReportVerdict;
  readonly artifacts: readonly ArtifactResult[];
  readonly causes: readonly Cause[];
  readonly untrackedInputs: readonly UntrackedInput[];
  readonly environment: readonly EnvDifference[];
  /** The Go version that made the rebuild, when it finished. */
  readonly rebuildGoVersion: string | undefined;
  /** The rebuild's error output, when it failed. */
  readonly rebuildError: string | undefined;
  /** diffoscope output per differing artifact, when asked for and installed. */
  readonly diffoscope?: ReadonlyArray<{ path: string; output: string }> | undefined;
}

/** The body of reproducibility.json. */
export function reportJson(report: ReproducibilityReport): object {
  const { reproduced, total } = countReproduced(report.artifacts);
  return {
    version: report.version,
    commit: report.commit,
    verdict: report.verdict,
    reproduced,
    total,
    artifacts: report.artifacts.map((a) => ({
      path: a.path,
      verdict: a.verdict,
      sha256: { release: a.release ?? null, rebuild: a.rebuild ?? null },
      ...(a.diagnosis ? { diagnosis: a.diagnosis } : {}),
    })),
    causes: report.causes,
    untrackedInputs: report.untrackedInputs,
    rebuild: {
      goVersion: report.rebuildGoVersion ?? null,
      ...(report.rebuildError ? { error: report.rebuildError } : {}),
      environment: report.environment,
    },
  };
}

export function summaryLine(report: ReproducibilityReport): string {
  const { reproduced, total } = countReproduced(report.artifacts);
  if (report.verdict === "rebuild failed")
    return "the independent rebuild failed, so nothing could be compared";
  return `${reproduced} of ${total} artifacts reproduced`;
}

const MAX_ITEMS = 12;

function capped(lines: string[], indent: string): string[] {
  return lines.length <= MAX_ITEMS
    ? lines
    : [...lines.slice(0, MAX_ITEMS), `${indent}… and ${lines.length - MAX_ITEMS} more`];
}

const show = (value: string) => (value === "" ? '""' : value);

/** `uid 1001 → 0`: the release's value, then the rebuild's. */
export function formatField(f: FieldDifference): string {
  return `${f.field} ${show(f.release)} → ${show(f.rebuild)}`;
}

const hex = (n: number) => `0x${n.toString(16)}`;

function formatBinary(diff: BinaryDiff, indent: string): string[] {
  if (diff.unreadable) {
    return [
      `${indent}not readable as an executable (${diff.unreadable}); first difference at byte ${diff.firstDifference}`,
    ];
  }
  const info =
    diff.buildInfo.length > 0
      ? capped(
          diff.buildInfo.map((f) => `${indent}build info: ${formatField(f)}`),
          indent,
        )
      : [`${indent}build info: identical`];
  const at = (r: { offset: number; size: number }) => `offset ${hex(r.offset)}, ${r.size} bytes`;
  const only = (side: "release" | "rebuild") => {
    const list = diff.sections.flatMap((d) => {
      const range = d[side];
      return range && !d[side === "release" ? "rebuild" : "release"] ? [`${d.name} (${at(range)})`] : [];
    });
    return list.length > 0 ? [`${indent}sections only in the ${side}: ${list.join(", ")}`] : [];
  };
  const changed = diff.sections
    .filter((d) => d.release && d.rebuild && d.firstDifference !== undefined)
    .map(
      (d) =>
        `${indent}section ${d.name}: differs from +${hex(d.firstDifference!)} (${at(d.release!)} → ${at(d.rebuild!)})`,
    );
  const moved = diff.sections.filter((d) => d.release && d.rebuild && d.firstDifference === undefined);
  const sections = [
    // Sections one side lacks say the most (symbols, DWARF, a build ID note), so they come first.
    ...only("release"),
    ...only("rebuild"),
    ...capped(changed, indent),
    ...(moved.length > 0
      ? [`${indent}same bytes at another offset: ${moved.map((d) => d.name).join(", ")}`]
      : []),
  ];
  if (sections.length === 0) sections.push(`${indent}first difference at byte ${hex(diff.firstDifference)}`);
  return [...info, ...sections];
}

interface Context {
  /** Paths of the artifacts that did not reproduce. */
  readonly differing: ReadonlySet<string>;
  /** Release-side sha256 → path of a differing binary artifact, to point at instead of repeating. */
  readonly binaries: ReadonlyMap<string, string>;
}

function formatArchive(
  d: Extract<Diagnosis, { kind: "archive" }>,
  context: Context,
  indent: string,
): string[] {
  const { diff } = d;
  const lines: string[] = [];
  for (const name of diff.onlyInRelease) lines.push(`${indent}entry ${name}: only in the release`);
  for (const name of diff.onlyInRebuild) lines.push(`${indent}entry ${name}: only in the rebuild`);
  for (const r of diff.renamed)
    lines.push(`${indent}entry ${r.release} → ${r.rebuild}: renamed, same content`);
  for (const e of diff.entries) {
    const what = [...e.fields.map(formatField), ...(e.content ? ["content differs"] : [])].join(", ");
    lines.push(`${indent}entry ${e.name}: ${what}`);
    const binary = d.binaries.find((b) => b.entry === e.name);
    const same = binary && context.binaries.get(binary.sha256);
    if (same) lines.push(`${indent}  the same binary as ${same}, below`);
    else if (binary) lines.push(...formatBinary(binary.diff, `${indent}  `));
  }
  if (diff.order) lines.push(`${indent}the entries are stored in another order`);
  if (diff.container.length > 0)
    lines.push(`${indent}container: ${diff.container.map(formatField).join(", ")}`);
  if (lines.length === 0) {
    lines.push(
      `${indent}same entries, headers and container; only the compressed bytes differ (another deflate or level)`,
    );
  }
  return lines;
}

function formatDiagnosis(d: Diagnosis, context: Context, indent: string): string[] {
  switch (d.kind) {
    case "archive":
      return formatArchive(d, context, indent);
    case "binary":
      return formatBinary(d.diff, indent);
    case "checksums": {
      const follows = d.names.filter((n) => context.differing.has(n));
      const own = d.names.filter((n) => !context.differing.has(n));
      return [
        ...(follows.length > 0 ? [`${indent}follows from ${follows.join(", ")}`] : []),
        ...(own.length > 0 ? [`${indent}the lines for ${own.join(", ")} differ`] : []),
      ];
    }
    case "metadata":
      return capped(
        d.fields.map((f) => `${indent}${formatField(f)}`),
        indent,
      );
    case "bytes":
      return [
        `${indent}first difference at byte ${d.firstDifference} (${d.sizes.release} → ${d.sizes.rebuild} bytes)`,
      ];
    case "unreadable":
      return [`${indent}${d.reason}`];
  }
}

/** The diagnosis for people: each artifact that did not reproduce, then the likely causes. */
export function formatReport(report: ReproducibilityReport): string[] {
  const lines: string[] = [];
  // After a failed rebuild every artifact is "not rebuilt": the causes and the output say why.
  const bad = report.artifacts.filter((a) => a.verdict !== "reproduced" && a.verdict !== "not rebuilt");
  const context: Context = {
    differing: new Set(bad.map((a) => a.path)),
    binaries: new Map(
      bad.filter((a) => a.diagnosis?.kind === "binary" && a.release).map((a) => [a.release!, a.path]),
    ),
  };
  if (bad.some((a) => a.diagnosis)) lines.push("(values read release → rebuild)");
  for (const a of bad) {
    lines.push(`${a.path}: ${a.verdict}`);
    if (a.verdict === "differs") lines.push(`  sha256 ${a.release} → ${a.rebuild}`);
    if (a.diagnosis) lines.push(...formatDiagnosis(a.diagnosis, context, "  "));
  }
  for (const cause of report.causes) lines.push(`likely cause: ${cause.message}`);
  for (const d of report.diffoscope ?? []) {
    lines.push(`diffoscope ${d.path}:`, ...d.output.split("\n").map((l) => `  ${l}`));
  }
  if (report.rebuildError) {
    const tail = report.rebuildError.split("\n").slice(-30);
    lines.push("the rebuild said:", ...tail.map((l) => `  ${l}`));
  }
  return lines;
}

/**
 * The error for a report that is not "reproduced": a message that names the commit and, when the
 * rebuild failed on an untracked input, the file; the diagnosis goes into the error's output.
 */
export function reportError(
  report: ReproducibilityReport,
  context: { reportFile?: string; suffix?: string },
): ReleaseError {
  const commit = report.commit.slice(0, 12);
  const details: Record<string, string> = { commit };
  if (report.untrackedInputs.length > 0) {
    details["untracked input"] = report.untrackedInputs.map((u) => u.path).join(", ");
  }
  if (context.reportFile) details.report = context.reportFile;
  const output = formatReport(report).join("\n");
  const suffix = context.suffix ? `; ${context.suffix}` : "";
  if (report.verdict === "rebuild failed") {
    const why =
      report.untrackedInputs.length > 0
        ? `: the build reads ${report.untrackedInputs.map((u) => u.path).join(", ")}, which git does not track`
        : "";
    return new RebuildFailedError(
      `the rebuild from a clean clone of ${commit} failed${why}${suffix}`,
      details,
      output,
    );
  }
  const { reproduced, total } = countReproduced(report.artifacts);
  return new NotReproducibleError(
    `${total - reproduced} of ${total} artifacts differ from an independent rebuild of ${commit}${suffix}`,
    details,
    output,
  );
}
