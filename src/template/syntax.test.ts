import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateData } from "./index.js";

const DATA = {
  Os: "linux",
  Arch: "amd64",
  Arm: "",
  Nil: null,
  List: ["a", "b", "c"],
  Map: { b: "2", a: "1" },
  Build: { Target: { Os: "darwin", Tags: ["netgo"] } },
};

const render = (source: string, data: TemplateData = DATA) => renderTemplate(source, data, { name: "test" });

describe("text and actions", () => {
  it("copies text without actions unchanged", () => {
    expect(render("plain text, no braces: { } }}")).toBe("plain text, no braces: { } }}");
    expect(render("")).toBe("");
  });

  it("prints the value of an action between text", () => {
    expect(render("os={{ .Os }}, arch={{.Arch}}")).toBe("os=linux, arch=amd64");
  });

  it("allows newlines inside an action", () => {
    expect(render("{{\n.Os\n}}")).toBe("linux");
  });
});

describe("whitespace trimming", () => {
  it("trims the text before {{- and after -}}", () => {
    expect(render("a  {{- .Os -}}  b")).toBe("alinuxb");
    expect(render("a \n\t {{- .Os }} b")).toBe("alinux b");
    expect(render("a {{ .Os -}} \n\t b")).toBe("a linuxb");
  });

  it("trims across newlines, as in multi-line templates", () => {
    expect(render("{{- if .Os }}\n  x\n{{- end }}\n")).toBe("\n  x\n");
  });

  it("needs the space after {{- and before -}}: {{-3}} is the number -3", () => {
    expect(render("x {{-3}} y")).toBe("x -3 y");
    expect(render("x {{ 3 -}} y")).toBe("x 3y");
    expect(() => render("{{.Os-}}")).toThrow("test:1:6: bad character U+002D '-'");
  });
});

describe("comments", () => {
  it("removes comments, with or without trim markers", () => {
    expect(render("a{{/* note */}}b")).toBe("ab");
    expect(render("a {{- /* note */ -}} b")).toBe("ab");
    expect(render("a{{/* spans\nlines */}}b")).toBe("ab");
  });

  it("requires the comment to close right before the delimiter, as Go does", () => {
    expect(() => render("{{/* c */ }}")).toThrow("comment ends before closing delimiter");
    expect(() => render("{{ /* c */ }}")).toThrow('unexpected "/" in command');
    expect(() => render("{{/* c ")).toThrow("test:1:1: unclosed comment");
  });
});

describe("fields, dot and $", () => {
  it("reads nested fields", () => {
    expect(render("{{ .Build.Target.Os }}")).toBe("darwin");
    expect(render("{{ .Map.a }}{{ .Map.b }}")).toBe("12");
  });

  it("prints dot, and $ is always the data", () => {
    expect(render("{{ with .Build.Target }}{{ .Os }}/{{ $.Os }}{{ end }}")).toBe("darwin/linux");
    expect(render("{{ range .List }}{{ . }}{{ end }}")).toBe("abc");
  });

  it("prints nil as <no value>, and lists and maps as Go does", () => {
    expect(render("{{ .Nil }}")).toBe("<no value>");
    expect(render("{{ .List }} {{ .Map }}")).toBe("[a b c] map[a:1 b:2]");
  });
});

describe("variables", () => {
  it("declares with := and assigns with =", () => {
    expect(render("{{ $v := .Os }}{{ $v }}-{{ $v = .Arch }}{{ $v }}")).toBe("linux-amd64");
  });

  it("lets an assignment inside a block change the outer variable", () => {
    expect(render('{{ $x := "a" }}{{ if .Os }}{{ $x = "b" }}{{ end }}{{ $x }}')).toBe("b");
  });

  it("ends a variable declared in a block at its {{end}}", () => {
    expect(render('{{ $x := "outer" }}{{ with $x := "inner" }}{{ $x }}{{ end }}-{{ $x }}')).toBe(
      "inner-outer",
    );
    expect(() => render("{{ if .Os }}{{ $y := 1 }}{{ end }}{{ $y }}")).toThrow('undefined variable "$y"');
  });

  it("rejects an undefined variable when parsing", () => {
    expect(() => render("{{ $x }}")).toThrow('test:1:4: undefined variable "$x"');
    expect(() => render("{{ $x = 1 }}")).toThrow('undefined variable "$x"');
  });
});

describe("pipelines and sub-expressions", () => {
  it("passes each result as the last argument of the next command", () => {
    expect(render('{{ .Os | printf "%s-%s" .Arch }}')).toBe("amd64-linux");
    expect(render('{{ "x" | printf "%s!" | printf "[%s]" }}')).toBe("[x!]");
  });

  it("evaluates parenthesised pipelines and reads fields of their result", () => {
    expect(render('{{ printf "%s/%s" (print .Os) (.Arch) }}')).toBe("linux/amd64");
    expect(render('{{ (index .Build "Target").Os }}')).toBe("darwin");
  });

  it("accepts a trailing | like Go", () => {
    expect(render("{{ .Os | }}")).toBe("linux");
  });

  it("refuses a literal after |", () => {
    expect(() => render('{{ .Os | "x" }}')).toThrow("non executable command in pipeline stage 2");
  });
});

describe("literals", () => {
  it("reads interpreted strings with Go escapes and raw strings verbatim", () => {
    expect(render('{{ "tab\\there \\u263A \\x41\\101 \\"q\\" \\\\" }}')).toBe('tab\there ☺ AA "q" \\');
    expect(render("{{ `raw \\n kept\nnewline` }}")).toBe("raw \\n kept\nnewline");
    expect(() => render('{{ "\\q" }}')).toThrow("unknown escape sequence \\q");
    expect(() => render('{{ "open }}')).toThrow("unterminated quoted string");
  });

  it("reads numbers as Go does", () => {
    expect(render("{{ 42 }} {{ -3 }} {{ 0x1F }} {{ 017 }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }}")).toBe(
      "42 -3 31 15 15 5 1000",
    );
    expect(render("{{ 1.5 }} {{ 2.0 }} {{ 1e3 }} {{ .5 }} {{ 1e6 }} {{ 1e21 }}")).toBe(
      "1.5 2 1000 0.5 1e+06 1e+21",
    );
    expect(render("{{ 'a' }} {{ '\\n' }}")).toBe("97 10");
    expect(() => render("{{ 1x }}")).toThrow('bad number syntax: "1x"');
  });

  it("reads booleans and nil", () => {
    expect(render("{{ true }} {{ false }} {{ print nil }}")).toBe("true false <nil>");
    expect(() => render("{{ nil }}")).toThrow("nil is not a command");
  });
});
