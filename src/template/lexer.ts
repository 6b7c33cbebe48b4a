// Splits a template into text and action tokens the way Go's text/template lexer does,
// including the `{{- ` / ` -}}` trim markers (which need the space) and `{{/* */}}` comments.
import { fail, type TemplateSource } from "./errors.js";

export type TokenType =
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "field"
  | "variable"
  | "identifier"
  | "keyword"
  | "bool"
  | "number"
  | "charConstant"
  | "string"
  | "rawString"
  | "pipe"
  | "leftParen"
  | "rightParen"
  | "declare"
  | "assign"
  | "char"
  | "dot"
  | "nil"
  | "eof";

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  /** Offset of the token in the template text. */
  readonly pos: number;
}

const KEYWORDS = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);
const SPACE = new Set([" ", "\t", "\r", "\n"]);

export function lex(source: TemplateSource): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  private readonly text: string;
  private readonly tokens: Token[] = [];
  private readonly source: TemplateSource;
  private pos = 0;

  constructor(source: TemplateSource) {
    this.source = source;
    this.text = source.text;
  }

  run(): Token[] {
    for (;;) {
      const delim = this.text.indexOf("{{", this.pos);
      if (delim < 0) {
        if (this.pos < this.text.length) this.emit("text", this.text.slice(this.pos), this.pos);
        this.emit("eof", "", this.text.length);
        return this.tokens;
      }
      let end = delim;
      if (this.hasLeftTrimMarker(delim + 2)) {
        while (end > this.pos && SPACE.has(this.text[end - 1]!)) end--;
      }
      if (end > this.pos) this.emit("text", this.text.slice(this.pos, end), this.pos);
      this.pos = this.lexAction(delim);
    }
  }

  private emit(type: TokenType, value: string, pos: number): void {
    this.tokens.push({ type, value, pos });
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.text[at] === "-" && SPACE.has(this.text[at + 1] ?? "");
  }

  /** Whether a right delimiter starts at `at`, and whether it carries a trim marker (" -}}"). */
  private rightDelimAt(at: number): { found: boolean; trim: boolean } {
    if (SPACE.has(this.text[at] ?? "") && this.text.startsWith("-}}", at + 1))
      return { found: true, trim: true };
    return { found: this.text.startsWith("}}", at), trim: false };
  }

  /** Offset just after the right delimiter at `at`, skipping what a trim marker removes. */
  private afterRightDelim(at: number, trim: boolean): number {
    let next = at + (trim ? 4 : 2);
    if (trim) while (SPACE.has(this.text[next] ?? "")) next++;
    return next;
  }

  private lexAction(start: number): number {
    let p = start + 2 + (this.hasLeftTrimMarker(start + 2) ? 2 : 0);
    if (this.text.startsWith("/*", p)) return this.lexComment(start, p);
    this.emit("leftDelim", "{{", start);
    let parenDepth = 0;
    for (;;) {
      const delim = this.rightDelimAt(p);
      if (delim.found) {
        if (parenDepth > 0) fail(this.source, p, "unclosed left paren");
        this.emit("rightDelim", "}}", p);
        return this.afterRightDelim(p, delim.trim);
      }
      if (p >= this.text.length) fail(this.source, start, "unclosed action: missing }}");
      const c = this.text[p]!;
      if (SPACE.has(c)) {
        let end = p;
        while (SPACE.has(this.text[end] ?? "")) end++;
        // The last space may belong to a " -}}" trim marker.
        if (this.text.startsWith("-}}", end)) end--;
        if (end > p) this.emit("space", this.text.slice(p, end), p);
        p = end;
        continue;
      }
      const next = this.text[p + 1] ?? "";
      if (c === "=") this.emit("assign", c, p++);
      else if (c === ":") {
        if (next !== "=") fail(this.source, p, "expected :=");
        this.emit("declare", ":=", p);
        p += 2;
      } else if (c === "|") this.emit("pipe", c, p++);
      else if (c === '"') p = this.lexQuoted(p, '"', "string", "unterminated quoted string");
      else if (c === "`") p = this.lexRaw(p);
      else if (c === "'") p = this.lexQuoted(p, "'", "charConstant", "unterminated character constant");
      else if (c === "$") p = this.lexWord(p, "variable");
      else if (c === "." && !/[0-9]/.test(next)) p = this.lexWord(p, "field");
      else if (/[-+.0-9]/.test(c)) p = this.lexNumber(p);
      else if (isAlphaNumeric(this.codePointAt(p))) p = this.lexWord(p, "identifier");
      else if (c === "(") {
        parenDepth++;
        this.emit("leftParen", c, p++);
      } else if (c === ")") {
        if (--parenDepth < 0) fail(this.source, p, "unexpected right paren");
        this.emit("rightParen", c, p++);
      } else if (c.charCodeAt(0) < 0x7f && c >= " ") this.emit("char", c, p++);
      else fail(this.source, p, `unrecognized character in action: ${describeChar(this.codePointAt(p))}`);
    }
  }

  private lexComment(start: number, open: number): number {
    const close = this.text.indexOf("*/", open + 2);
    if (close < 0) fail(this.source, start, "unclosed comment: missing */");
    const delim = this.rightDelimAt(close + 2);
    if (!delim.found) fail(this.source, close, "comment ends before closing delimiter: write */}}");
    return this.afterRightDelim(close + 2, delim.trim);
  }

  private lexQuoted(start: number, quote: string, type: TokenType, unterminated: string): number {
    let p = start + 1;
    for (;;) {
      const c = this.text[p++];
      if (c === undefined || c === "\n") fail(this.source, start, unterminated);
      if (c === quote) break;
      if (c === "\\") {
        // An escaped quote does not end the literal; an escaped newline does not continue it.
        const escaped = this.text[p++];
        if (escaped === undefined || escaped === "\n") fail(this.source, start, unterminated);
      }
    }
    this.emit(type, this.text.slice(start, p), start);
    return p;
  }

  private lexRaw(start: number): number {
    const close = this.text.indexOf("`", start + 1);
    if (close < 0) fail(this.source, start, "unterminated raw quoted string");
    this.emit("rawString", this.text.slice(start, close + 1), start);
    return close + 1;
  }

  /** Fields (`.Name`), variables (`$name`, `$`), dot, identifiers and keywords. */
  private lexWord(start: number, type: "field" | "variable" | "identifier"): number {
    let p = type === "identifier" ? start : start + 1;
    while (p < this.text.length && isAlphaNumeric(this.codePointAt(p))) p += this.charLength(p);
    if (!this.atTerminator(p)) fail(this.source, p, `bad character ${describeChar(this.codePointAt(p))}`);
    const word = this.text.slice(start, p);
    if (type === "field" && word === ".") this.emit("dot", word, start);
    else if (type !== "identifier") this.emit(type, word, start);
    else if (KEYWORDS.has(word)) this.emit("keyword", word, start);
    else if (word === "true" || word === "false") this.emit("bool", word, start);
    else if (word === "nil") this.emit("nil", word, start);
    else this.emit("identifier", word, start);
    return p;
  }

  private lexNumber(start: number): number {
    const match =
      /^[-+]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][-+]?[0-9_]+)?|0[oO][0-7_]*|0[bB][01_]*|[0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9_]*)?)i?/.exec(
        this.text.slice(start),
      )!;
    const end = start + match[0].length;
    if (end < this.text.length && isAlphaNumeric(this.codePointAt(end))) {
      fail(this.source, start, `bad number syntax: ${JSON.stringify(this.text.slice(start, end + 1))}`);
    }
    this.emit("number", match[0], start);
    return end;
  }

  private atTerminator(p: number): boolean {
    const c = this.text[p];
    if (c === undefined || SPACE.has(c) || ".,|:()".includes(c)) return true;
    return this.text.startsWith("}}", p);
  }

  private codePointAt(p: number): number {
    return this.text.codePointAt(p) ?? -1;
  }

  private charLength(p: number): number {
    return this.codePointAt(p) > 0xffff ? 2 : 1;
  }
}

function isAlphaNumeric(codePoint: number): boolean {
  return codePoint >= 0 && /[\p{L}\p{Nd}_]/u.test(String.fromCodePoint(codePoint));
}

/** A character as Go's %#U prints it: U+002D '-'. */
export function describeChar(codePoint: number): string {
  if (codePoint < 0) return "end of template";
  const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
  return `U+${hex} '${String.fromCodePoint(codePoint)}'`;
}
