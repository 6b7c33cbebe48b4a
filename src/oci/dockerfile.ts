// The Dockerfile subset goship builds without a daemon: FROM, COPY, ADD (local files), ENTRYPOINT,
// CMD, ENV, ARG, LABEL, USER, WORKDIR, EXPOSE. Anything else needs a real builder and is an error
// naming its line. Hand-written: the subset is small, and each error must point at the user's line.
import { DockerfileError } from "./errors.js";

export interface Instruction {
  readonly keyword: string;
  /** Text after the keyword, continuation lines joined. */
  readonly args: string;
  /** 1-based line of the keyword. */
  readonly line: number;
}

const SUPPORTED = new Set([
  "FROM",
  "COPY",
  "ADD",
  "ENTRYPOINT",
  "CMD",
  "ENV",
  "ARG",
  "LABEL",
  "USER",
  "WORKDIR",
  "EXPOSE",
]);

/** Splits a Dockerfile into instructions: comments dropped, `\` continuations joined, escape directive honoured. */
export function parseDockerfile(text: string, file = "Dockerfile"): Instruction[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let escapeChar = "\\";
  let start = 0;
  // Parser directives only count before the first instruction or ordinary comment.
  for (; start < lines.length; start++) {
    const directive = /^#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(lines[start] ?? "");
    if (!directive) break;
    if ((directive[1] ?? "").toLowerCase() === "escape") escapeChar = directive[2] ?? "\\";
  }
  const out: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === "" || trimmed.startsWith("#"))) continue;
    if (pending !== undefined && trimmed.startsWith("#")) continue;
    const continues = trimmed.endsWith(escapeChar) && trimmed !== "";
    const piece = continues ? trimmed.slice(0, -escapeChar.length) : trimmed;
    pending =
      pending === undefined ? { text: piece, line: i + 1 } : { ...pending, text: `${pending.text} ${piece}` };
    if (continues) continue;
    const match = /^(\S+)\s*(.*)$/s.exec(pending.text.trim());
    if (match)
      out.push({
        keyword: (match[1] ?? "").toUpperCase(),
        args: (match[2] ?? "").trim(),
        line: pending.line,
      });
    pending = undefined;
  }
  if (pending) {
    const match = /^(\S+)\s*(.*)$/s.exec(pending.text.trim());
    if (match)
      out.push({
        keyword: (match[1] ?? "").toUpperCase(),
        args: (match[2] ?? "").trim(),
        line: pending.line,
      });
  }
  for (const instruction of out) {
    if (!SUPPORTED.has(instruction.keyword)) {
      throw new DockerfileError(
        `${instruction.keyword} at line ${instruction.line} needs a real container builder (docker buildx); goship builds only FROM, COPY, ADD of local files, ENTRYPOINT, CMD, ENV, ARG, LABEL, USER, WORKDIR and EXPOSE without a daemon`,
        file,
        instruction.line,
      );
    }
  }
  return out;
}

/** Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as Docker does in these instructions. */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\\\$|\$\{(\w+)(?::([-+])([^}]*))?\}|\$(\w+)/g, (whole, braced, op, word, bare) => {
    if (whole === "\\$") return "$";
    const name = (braced ?? bare) as string;
    const value = vars.get(name);
    if (op === "-") return value ? value : (word ?? "");
    if (op === "+") return value ? (word ?? "") : "";
    return value ?? "";
  });
}

/** The JSON form `["a", "b"]`, or undefined when the text is in shell form. */
export function jsonForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) return parsed as string[];
  } catch {
    // Docker runs malformed JSON in shell form; so do we.
  }
  return undefined;
}

/** Splits shell-form words: white space separates, quotes group, backslash escapes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** `KEY=value KEY2="v 2"` pairs, or the legacy `KEY value` form of ENV and LABEL. */
export function keyValues(args: string): Array<[string, string]> {
  const words = splitWords(args);
  const first = words[0] ?? "";
  if (!first.includes("=")) {
    const legacy = /^(\S+)\s+(.*)$/s.exec(args.trim());
    return legacy ? [[legacy[1] ?? "", splitWords(legacy[2] ?? "").join(" ")]] : [];
  }
  return words.map((w) => {
    const eq = w.indexOf("=");
    return eq === -1 ? [w, ""] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}
