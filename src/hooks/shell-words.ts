// Splits a command line into words the way GoReleaser does (go-shellwords with its defaults): quotes
// and backslashes as a shell reads them, no variables, no globbing, and no shell ever runs.

export class ShellWordsError extends Error {}

/**
 * `go build -ldflags "-s -w"` → ["go", "build", "-ldflags", "-s -w"]. Reading stops at an unquoted
 * `;`, `&`, `|`, `<` or `>` (the rest is dropped, as go-shellwords does); an unquoted `(` that does
 * not follow `$`, or an unclosed quote, is an error.
 */
export function splitShellWords(line: string): string[] {
  const args: string[] = [];
  let buf = "";
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let backQuote = false;
  let dollarQuote = false;
  let got: "none" | "single" | "quoted" = "none";
  for (const r of line) {
    if (escaped) {
      buf += r === "t" ? "\t" : r === "n" ? "\n" : r;
      escaped = false;
      got = "single";
      continue;
    }
    if (r === "\\") {
      if (singleQuoted) buf += r;
      else escaped = true;
      continue;
    }
    if (r === " " || r === "\t" || r === "\r" || r === "\n") {
      if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
        buf += r;
      } else if (got !== "none") {
        args.push(buf);
        buf = "";
        got = "none";
      }
      continue;
    }
    const quoted = singleQuoted || doubleQuoted;
    if (r === "`" && !quoted && !dollarQuote) backQuote = !backQuote;
    else if (r === ")" && !quoted && !backQuote) dollarQuote = !dollarQuote;
    else if (r === "(" && !quoted && !backQuote) {
      if (!dollarQuote && buf.endsWith("$")) {
        dollarQuote = true;
        buf += "(";
        continue;
      }
      throw new ShellWordsError("invalid command line string");
    } else if (r === '"' && !singleQuoted && !dollarQuote) {
      if (doubleQuoted) got = "quoted";
      doubleQuoted = !doubleQuoted;
      continue;
    } else if (r === "'" && !doubleQuoted && !dollarQuote) {
      if (singleQuoted) got = "quoted";
      singleQuoted = !singleQuoted;
      continue;
    } else if (";&|<>".includes(r) && !(quoted || backQuote || dollarQuote)) {
      // `2>` drops the descriptor number too.
      if (r === ">" && /^[0-9]/.test(buf)) got = "none";
      break;
    }
    got = "single";
    buf += r;
  }
  if (got !== "none") args.push(buf);
  if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
    throw new ShellWordsError("invalid command line string");
  }
  return args;
}
