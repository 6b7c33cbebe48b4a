// What every manifest writer needs to know about one released file: where users download it, its
// digest, the target it runs on and which binaries it holds. Steps build these from the artifacts.

export interface ReleasedAsset {
  /** The asset's file name (`tool_1.0.0_linux_amd64.tar.gz`). */
  readonly name: string;
  /** Where users download it (the rendered url template). */
  readonly url: string;
  readonly sha256: string;
  readonly goos: string;
  /** GOARCH, or "all" for a universal macOS binary. */
  readonly goarch: string;
  /** The architecture level (GOAMD64 `v1`, GOARM `7`…), "" when the architecture has none. */
  readonly level: string;
  /** An archive, or a binary released as it is. */
  readonly type: "archive" | "binary";
  /** The archive format (`tar.gz`, `zip`), or "binary". */
  readonly format: string;
  /** The archive's top folder when it wraps its files in one, else "". */
  readonly wrappedIn: string;
  /** Binary names inside the archive (`tool`, `tool.exe`), or the one name of a released binary. */
  readonly binaries: readonly string[];
  /** Paths of the archive's other files (README, completions, manpages). */
  readonly extraFiles: readonly string[];
}

/** GoReleaser's post-processing of generated files: trailing spaces trimmed, every line ended by \n. */
export function trimTrailingSpaces(content: string): string {
  const lines = content.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((l) => `${l.replace(/\r$/, "").replace(/ +$/, "")}\n`).join("");
}

/** As trimTrailingSpaces, and each run of blank lines becomes one. */
export function collapseBlankLines(content: string): string {
  let previousBlank = false;
  let out = "";
  for (const line of trimTrailingSpaces(content).split("\n").slice(0, -1)) {
    const blank = line.trim() === "";
    if (blank && previousBlank) continue;
    out += blank ? "\n" : `${line}\n`;
    previousBlank = blank;
  }
  return out;
}

/** Splits user text into lines the way GoReleaser does: trimmed, and "" gives no line at all. */
export function splitLines(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === "" ? [] : trimmed.split("\n");
}

/** Go's %q for the strings manifests hold: a double-quoted literal with Go's escapes. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Orders by GOARCH as Go's cmp.Compare on strings does (byte order), keeping ties in place. */
export function byArch<T extends { readonly goarch: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.goarch < b.goarch ? -1 : a.goarch > b.goarch ? 1 : 0));
}
