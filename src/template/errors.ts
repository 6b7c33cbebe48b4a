// Template errors that point at the exact place in the template text, with a hint when a name is close.
import { ReleaseError } from "../errors.js";

/** Where a template comes from: its name (a config path) and its text, for positions in messages. */
export interface TemplateSource {
  readonly name: string;
  readonly text: string;
}

/**
 * A template that cannot be parsed or rendered. The message reads
 * `archives[0].name_template:1:17: unknown field .Foo; did you mean .Os?`; columns count from 1,
 * as editors do (Go's own messages count from 0).
 */
export class TemplateError extends ReleaseError {
  /** The caller-provided template name, such as `archives[0].name_template`. */
  readonly template: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong, without the location prefix. */
  readonly reason: string;

  constructor(source: TemplateSource, offset: number, reason: string) {
    const { line, column } = locate(source.text, offset);
    super(`${source.name}:${line}:${column}: ${reason}`, { details: { template: source.text } });
    this.template = source.name;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export function fail(source: TemplateSource, offset: number, reason: string): never {
  throw new TemplateError(source, offset, reason);
}

/** Line and column (from 1, counting characters rather than UTF-16 units) of an offset. */
export function locate(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, Math.max(0, offset)).split("\n");
  return { line: lines.length, column: [...lines[lines.length - 1]!].length + 1 };
}

/** The candidate closest to `name`, if it is close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // A difference of case only is the most common mistake (.version for .Version).
    const distance =
      candidate.toLowerCase() === name.toLowerCase()
        ? 0
        : editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Edit distance where swapping two adjacent letters counts as one edit (.Arhc is one from .Arch). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
