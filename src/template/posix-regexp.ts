// filter/reverseFilter compile their pattern as POSIX ERE (Go's regexp.CompilePOSIX). JavaScript's
// syntax is a superset for matching, so reject the Perl extensions Go refuses and translate
// [[:alpha:]]-style classes, which JavaScript lacks.

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** A RegExp that matches as Go's POSIX regexp would, or an Error with the reason Go rejects it. */
export function compilePosix(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const next = pattern[i + 1] ?? "";
    if (c === "\\") {
      // Perl classes and assertions (\d, \b, \pL…) and backreferences are not POSIX.
      if (/[dDsSwWbBAzpPQEC1-9]/.test(next)) throw new Error(`invalid escape sequence: \`\\${next}\``);
      out += c + next;
      i++;
    } else if (c === "(" && next === "?") {
      throw new Error("missing argument to repetition operator: `?` (Perl flags and groups are not POSIX)");
    } else if ("*+?}".includes(c) && (next === "?" || next === "+")) {
      throw new Error(`invalid nested repetition operator: \`${c}${next}\``);
    } else if (c === "[") {
      const end = bracketEnd(pattern, i);
      out += translateBracket(pattern.slice(i, end + 1));
      i = end;
    } else out += c;
  }
  return new RegExp(out);
}

/** The index of the `]` closing the bracket expression at `start` (a leading `]` is literal). */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === "\\") i++;
    else if (pattern.startsWith("[:", i)) {
      const close = pattern.indexOf(":]", i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === "]") return i;
  }
  throw new Error("missing closing ]");
}

function translateBracket(bracket: string): string {
  const negated = bracket.startsWith("[^");
  let body = bracket.slice(negated ? 2 : 1, -1);
  if (body.startsWith("]")) body = `\\${body}`;
  body = body.replace(/\[:(\^?)([a-z]*):\]/g, (whole, not: string, name: string) => {
    const range = POSIX_CLASSES[name];
    if (!range) throw new Error(`invalid character class range: \`${whole}\``);
    if (not) throw new Error(`negated classes such as \`${whole}\` are not supported; use [^[:${name}:]]`);
    return range;
  });
  return `[${negated ? "^" : ""}${body}]`;
}
