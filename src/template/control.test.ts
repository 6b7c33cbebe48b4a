import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateData } from "./index.js";

const DATA = {
  Os: "linux",
  Arch: "arm",
  Arm: "7",
  Mips: "",
  Zero: 0,
  Half: 0.5,
  Nil: null,
  True: true,
  False: false,
  List: ["a", "b", "c"],
  Empty: [],
  EmptyMap: {},
  Map: { zeta: "z", alpha: "a", Beta: "B" },
  Ints: [3, 1, 2],
};

const render = (source: string, data: TemplateData = DATA) => renderTemplate(source, data, { name: "test" });

describe("if", () => {
  it("chooses between the branches of if / else if / else", () => {
    const template =
      '{{ if eq .Arch "amd64" }}x86_64{{ else if eq .Arch "386" }}i386{{ else }}{{ .Arch }}{{ end }}';
    expect(render(template, { Arch: "amd64" })).toBe("x86_64");
    expect(render(template, { Arch: "386" })).toBe("i386");
    expect(render(template, { Arch: "arm64" })).toBe("arm64");
  });

  it("follows long else-if chains with a single {{end}}", () => {
    const template = "{{ if .A }}a{{ else if .B }}b{{ else if .C }}c{{ else }}none{{ end }}";
    expect(render(template, { A: false, B: "", C: 1 })).toBe("c");
    expect(render(template, { A: false, B: "", C: 0 })).toBe("none");
  });

  it("uses Go's truth: false, 0, nil and empty strings, lists and maps are false", () => {
    const truth = (field: string) => render(`{{ if .${field} }}T{{ else }}F{{ end }}`);
    expect(["False", "Zero", "Nil", "Mips", "Empty", "EmptyMap"].map(truth).join("")).toBe("FFFFFF");
    expect(["True", "Half", "Arm", "List", "Map"].map(truth).join("")).toBe("TTTTT");
  });

  it("keeps a variable declared in the condition for both branches", () => {
    expect(render("{{ if $a := .Arm }}v{{ $a }}{{ else }}[{{ $a }}]{{ end }}")).toBe("v7");
  });
});

describe("with", () => {
  it("sets dot to the value when it is true, and runs else otherwise", () => {
    expect(render("{{ with .Arm }}v{{ . }}{{ end }}")).toBe("v7");
    expect(render("{{ with .Mips }}_{{ . }}{{ else }}no mips{{ end }}")).toBe("no mips");
  });

  it("supports else with chains", () => {
    const template = "{{ with .Mips }}mips={{ . }}{{ else with .Arm }}arm={{ . }}{{ else }}none{{ end }}";
    expect(render(template)).toBe("arm=7");
    expect(render(template, { Mips: "", Arm: "" })).toBe("none");
  });
});

describe("range", () => {
  it("walks a list with dot set to each element", () => {
    expect(render("{{ range .List }}<{{ . }}>{{ end }}")).toBe("<a><b><c>");
  });

  it("gives the index and the element with $i, $v :=", () => {
    expect(render("{{ range $i, $v := .List }}{{ $i }}={{ $v }} {{ end }}")).toBe("0=a 1=b 2=c ");
    expect(render("{{ range $v := .Ints }}{{ $v }}{{ end }}")).toBe("312");
  });

  it("walks a map in sorted key order (bytewise, so upper case first)", () => {
    expect(render("{{ range $k, $v := .Map }}{{ $k }}:{{ $v }} {{ end }}")).toBe("Beta:B alpha:a zeta:z ");
    expect(render("{{ range .Map }}{{ . }}{{ end }}")).toBe("Baz");
  });

  it("runs else when there is nothing to walk", () => {
    expect(render("{{ range .Empty }}x{{ else }}empty{{ end }}")).toBe("empty");
    expect(render("{{ range .EmptyMap }}x{{ else }}empty{{ end }}")).toBe("empty");
    expect(render("{{ range .Nil }}x{{ else }}nil{{ end }}")).toBe("nil");
  });

  it("counts from 0 when ranging over an integer", () => {
    expect(render("{{ range $i := 3 }}{{ $i }}{{ end }}")).toBe("012");
    expect(render("{{ range 0 }}x{{ else }}none{{ end }}")).toBe("none");
    expect(render("{{ range 1000000000 }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}")).toBe("01");
  });

  it("stops with break and skips with continue, in the innermost range", () => {
    expect(render('{{ range .List }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}')).toBe("a");
    expect(render('{{ range .List }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ . }}{{ end }}')).toBe("ac");
    const nested =
      "{{ range .List }}{{ range $.Ints }}{{ if eq . 1 }}{{ break }}{{ end }}{{ . }}{{ end }}{{ . }}{{ end }}";
    expect(render(nested)).toBe("3a3b3c");
  });

  it("refuses break and continue outside range", () => {
    expect(() => render("{{ break }}")).toThrow("test:1:4: {{break}} outside {{range}}");
    expect(() => render("{{ if .Os }}{{ continue }}{{ end }}")).toThrow("{{continue}} outside {{range}}");
  });

  it("refuses values that cannot be walked", () => {
    expect(() => render("{{ range .Os }}x{{ end }}")).toThrow("range can't iterate over linux");
  });
});

describe("and, or, not", () => {
  it("returns the deciding value like Go", () => {
    expect(
      render('{{ and .Os .Arch }}|{{ and .Mips .Os }}|{{ or .Mips "fallback" }}|{{ or .Zero .Mips }}'),
    ).toBe("arm||fallback|");
    expect(render("{{ and 1 0 2 }} {{ or 0 3 4 }}")).toBe("0 3");
  });

  it("stops evaluating at the deciding argument", () => {
    expect(render("{{ and .Mips .Missing }}|{{ or .Arm .Missing }}")).toBe("|7");
    expect(() => render("{{ or .Mips .Missing }}")).toThrow("unknown field .Missing");
  });

  it("negates truth with not", () => {
    expect(render("{{ not .Mips }} {{ not .List }} {{ not 0 }}")).toBe("true false true");
    expect(render('{{ if not (eq .Arm "7") }}x{{ else }}arm7{{ end }}')).toBe("arm7");
  });

  it("needs at least one argument", () => {
    expect(() => render("{{ and }}")).toThrow("wrong number of args for and: want at least 1 got 0");
  });
});
