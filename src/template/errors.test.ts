import { describe, expect, it } from "vitest";
import { ReleaseError } from "../errors.js";
import { parseTemplate, renderTemplate, type TemplateData, TemplateError } from "./index.js";

const NAME = "archives[0].name_template";
const DATA = {
  ProjectName: "goship",
  Version: "1.2.3",
  Os: "linux",
  Arch: "amd64",
  Build: { Goos: "linux" },
};

function errorOf(source: string, data: TemplateData = DATA): TemplateError {
  try {
    renderTemplate(source, data, { name: NAME, env: { HOME: "/home/me" } });
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`no error for ${source}`);
}

describe("TemplateError", () => {
  it("is a ReleaseError naming the template, the line:column and the problem", () => {
    const error = errorOf("{{ .ProjectName }}_{{ .Foo }}");
    expect(error).toBeInstanceOf(ReleaseError);
    expect(error.name).toBe("TemplateError");
    expect(error.message).toBe(
      "archives[0].name_template:1:23: unknown field .Foo; known fields: .Arch, .Build, .Date, .Env, .Now, .Os, .ProjectName, .Timestamp, .Version",
    );
    expect([error.template, error.line, error.column]).toEqual([NAME, 1, 23]);
    expect(error.details).toEqual({ template: "{{ .ProjectName }}_{{ .Foo }}" });
  });

  it("counts lines and columns from 1 in multi-line templates", () => {
    const error = errorOf("first line\n  {{- if .Os }}\n    {{ .Arhc }}\n  {{- end }}");
    expect([error.line, error.column]).toEqual([3, 8]);
    expect(error.reason).toBe("unknown field .Arhc; did you mean .Arch?");
  });

  it("counts characters, not UTF-16 units, in columns", () => {
    expect(errorOf("🚀 é {{ .Foo }}").column).toBe(8);
  });
});

describe("unknown names", () => {
  it("suggests the nearest field, including a difference of case", () => {
    expect(errorOf("{{ .version }}").message).toBe(
      `${NAME}:1:4: unknown field .version; did you mean .Version?`,
    );
    expect(errorOf("{{ .ProjectNme }}").reason).toBe("unknown field .ProjectNme; did you mean .ProjectName?");
  });

  it("points at the missing part of a nested field", () => {
    expect(errorOf("{{ .Build.Gos }}").message).toBe(
      `${NAME}:1:10: unknown field .Build.Gos; did you mean .Build.Goos?`,
    );
    expect(errorOf("{{ .Os.Name }}").reason).toBe(
      "can't evaluate field Name in type string (.Os is not a map)",
    );
    expect(errorOf("{{ .Nil.Name }}", { Nil: null }).reason).toBe(".Nil is nil, so it has no field Name");
  });

  it("says which environment variable is missing and how to give a default", () => {
    expect(errorOf("{{ .Env.GITHUB_TOKEN }}").reason).toBe(
      'environment variable GITHUB_TOKEN is not set; set it, or write {{ envOrDefault "GITHUB_TOKEN" "default" }}',
    );
  });

  it("reports an unknown function when parsing, with a suggestion", () => {
    expect(() => parseTemplate("{{ .Os | tolowr }}", NAME)).toThrow(
      `${NAME}:1:10: function "tolowr" not defined; did you mean tolower?`,
    );
    expect(() => parseTemplate("{{ frobnicate }}", NAME)).toThrow(
      `${NAME}:1:4: function "frobnicate" not defined`,
    );
  });
});

describe("syntax errors", () => {
  it("reports an unclosed action at its opening delimiter", () => {
    expect(errorOf("ok {{ .Os ").message).toBe(`${NAME}:1:4: unclosed action: missing }}`);
    expect(errorOf("{{ (.Os }}").reason).toBe("unclosed left paren");
    expect(errorOf("{{ .Os) }}").reason).toBe("unexpected right paren");
  });

  it("reports blocks that are not closed, and ends and elses that close nothing", () => {
    expect(errorOf("a\n{{ if .Os }}x").message).toBe(`${NAME}:2:1: unclosed {{if}}: missing {{end}}`);
    expect(errorOf("{{ range .Os }}").reason).toBe("unclosed {{range}}: missing {{end}}");
    expect(errorOf("x{{ end }}").message).toBe(
      `${NAME}:1:2: unexpected {{end}}: there is no {{if}}, {{with}} or {{range}} to close`,
    );
    expect(errorOf("{{ else }}").reason).toBe(
      "unexpected {{else}}: there is no {{if}}, {{with}} or {{range}} to close",
    );
    expect(errorOf("{{ if .Os }}{{ else }}{{ else }}{{ end }}").reason).toBe(
      "expected {{end}}; found a second {{else}}",
    );
    expect(errorOf("{{ with .Os }}{{ else if .Arch }}{{ end }}").reason).toBe(
      "{{else if}} is not allowed in {{with}}; use {{else}}{{if …}}",
    );
  });

  it("reports empty and malformed actions", () => {
    expect(errorOf("{{ }}").reason).toBe("missing value for command");
    expect(errorOf("{{ if }}{{ end }}").reason).toBe("missing value for if");
    expect(errorOf("{{ .Os : }}").reason).toBe("expected :=");
    expect(errorOf('{{ "x".Os }}').reason).toBe('unexpected . after term "x"');
    expect(errorOf("{{ .Os @ }}").reason).toBe('unexpected "@" in operand');
    expect(errorOf('{{ define "x" }}{{ end }}').reason).toBe(
      "{{define}} is not supported: a goship template is a single text",
    );
  });

  it("checks variables declared in range", () => {
    expect(errorOf("{{ range $a, $b, $c := .Os }}{{ end }}").reason).toBe("too many declarations in range");
    expect(errorOf("{{ $a, $b := .Os }}").reason).toBe("too many declarations in command");
  });
});

describe("errors while rendering", () => {
  it("wraps a failing function as Go does", () => {
    expect(errorOf('{{ incpatch "main" }}').message).toBe(
      `${NAME}:1:4: error calling incpatch: "main" is not a semantic version (Invalid Semantic Version)`,
    );
  });

  it("stops at the first error without partial output", () => {
    expect(() => renderTemplate("{{ .Os }}{{ .Missing }}", DATA)).toThrow(TemplateError);
  });

  it("names an unnamed template 'template'", () => {
    expect(() => renderTemplate("{{ .Missing }}", {})).toThrow(/^template:1:4: unknown field \.Missing/);
  });
});
