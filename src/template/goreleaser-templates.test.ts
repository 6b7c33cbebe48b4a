import { describe, expect, it } from "vitest";
import { parseTemplate, referencedFields, renderTemplate, type TemplateData } from "./index.js";

// GoReleaser's defaults (internal/pipe/archive, checksums, snapshot, builders/golang).
const DEFAULT_ARCHIVE =
  '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';
const DEFAULT_BINARY_ARCHIVE = `{{ .Binary }}_${DEFAULT_ARCHIVE.slice("{{ .ProjectName }}_".length)}`;
const DEFAULT_CHECKSUM = "{{ .ProjectName }}_{{ .Version }}_checksums.txt";
const DEFAULT_SNAPSHOT = "{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}";
const DEFAULT_LDFLAGS =
  "-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser";
const UNAME_STYLE =
  '{{- title .Os }}_{{- if eq .Arch "amd64" }}x86_64{{- else if eq .Arch "386" }}i386{{- else }}{{ .Arch }}{{ end }}{{- if .Arm }}v{{ .Arm }}{{ end }}';
// `goreleaser init` writes this as a YAML folded block (>-), which joins the lines with spaces.
const INIT_ARCHIVE = [
  "{{ .ProjectName }}_",
  "{{- title .Os }}_",
  '{{- if eq .Arch "amd64" }}x86_64',
  '{{- else if eq .Arch "386" }}i386',
  "{{- else }}{{ .Arch }}{{ end }}",
  "{{- if .Arm }}v{{ .Arm }}{{ end }}",
].join(" ");

const PROJECT = {
  ProjectName: "goship",
  Version: "1.2.3",
  Binary: "goship",
  ShortCommit: "abc1234",
  Commit: "abc1234def",
};

function target(
  os: string,
  arch: string,
  levels: Partial<Record<"Arm" | "Mips" | "Amd64", string>> = {},
): TemplateData {
  return { ...PROJECT, Os: os, Arch: arch, Arm: "", Mips: "", Amd64: "", ...levels };
}

const render = (source: string, data: TemplateData) => renderTemplate(source, data, { name: "test" });

describe("GoReleaser's default templates", () => {
  it("names archives like GoReleaser, with GOAMD64 levels above v1 and GOARM and GOMIPS", () => {
    const names = [
      target("linux", "amd64", { Amd64: "v1" }),
      target("linux", "amd64", { Amd64: "v3" }),
      target("linux", "arm", { Arm: "6" }),
      target("linux", "arm", { Arm: "7" }),
      target("linux", "mips", { Mips: "softfloat" }),
      target("darwin", "arm64"),
      target("windows", "386"),
    ].map((data) => render(DEFAULT_ARCHIVE, data));
    expect(names).toEqual([
      "goship_1.2.3_linux_amd64",
      "goship_1.2.3_linux_amd64v3",
      "goship_1.2.3_linux_armv6",
      "goship_1.2.3_linux_armv7",
      "goship_1.2.3_linux_mips_softfloat",
      "goship_1.2.3_darwin_arm64",
      "goship_1.2.3_windows_386",
    ]);
  });

  it("names binary archives, checksums, snapshots and ldflags", () => {
    expect(render(DEFAULT_BINARY_ARCHIVE, target("linux", "arm64"))).toBe("goship_1.2.3_linux_arm64");
    expect(render(DEFAULT_CHECKSUM, PROJECT)).toBe("goship_1.2.3_checksums.txt");
    expect(render(DEFAULT_SNAPSHOT, PROJECT)).toBe("1.2.3-SNAPSHOT-abc1234");
    const ldflags = renderTemplate(DEFAULT_LDFLAGS, PROJECT, {
      now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    });
    expect(ldflags).toBe(
      "-s -w -X main.version=1.2.3 -X main.commit=abc1234def -X main.date=2026-01-02T03:04:05Z -X main.builtBy=goreleaser",
    );
  });
});

describe("uname-style archive names", () => {
  it.each([
    ["darwin", "amd64", "", "Darwin_x86_64"],
    ["linux", "386", "", "Linux_i386"],
    ["linux", "arm", "7", "Linux_armv7"],
    ["windows", "arm64", "", "Windows_arm64"],
  ])("%s/%s%s gives %s", (os, arch, arm, expected) => {
    expect(render(UNAME_STYLE, target(os, arch, { Arm: arm }))).toBe(expected);
    expect(render(INIT_ARCHIVE, target(os, arch, { Arm: arm }))).toBe(`goship_${expected}`);
  });
});

describe(".Env", () => {
  it("reads variables from the env option, or from the data's Env", () => {
    expect(renderTemplate("{{ .Env.GOVERSION }}", {}, { env: { GOVERSION: "go1.24" } })).toBe("go1.24");
    expect(renderTemplate("{{ .Env.USER }}", { Env: { USER: "me" } })).toBe("me");
  });

  it("ignores unset entries of a process-style environment", () => {
    expect(
      renderTemplate('{{ isEnvSet "A" }} {{ envOrDefault "A" "none" }}', {}, { env: { A: undefined } }),
    ).toBe("false none");
  });
});

describe("wall-clock warnings", () => {
  const warnings = (source: string, data: TemplateData = PROJECT) => {
    const seen: string[] = [];
    renderTemplate(source, data, { now: () => new Date(0), onNondeterministic: (what) => seen.push(what) });
    return seen;
  };

  it("reports each wall-clock value a render uses, once", () => {
    expect(warnings("{{ .Date }} {{ .Date }} {{ .Timestamp }}")).toEqual([".Date", ".Timestamp"]);
    expect(warnings('{{ .Now.Format "2006" }} {{ time "2006" }} {{ time "01" }}')).toEqual([".Now", "time"]);
    expect(warnings('{{ with $.Date }}{{ . }}{{ end }}{{ if false }}{{ time "2006" }}{{ end }}')).toEqual([
      ".Date",
    ]);
  });

  it("says nothing for templates that only use the commit's time", () => {
    expect(
      warnings("{{ .CommitDate }} {{ .Version }}", { ...PROJECT, CommitDate: "2026-01-01T00:00:00Z" }),
    ).toEqual([]);
  });
});

describe("parsed templates", () => {
  it("render many times with different data", () => {
    const template = parseTemplate(DEFAULT_ARCHIVE, "archives[0].name_template");
    expect(template.name).toBe("archives[0].name_template");
    expect(template.render(target("linux", "amd64", { Amd64: "v1" }))).toBe("goship_1.2.3_linux_amd64");
    expect(template.render(target("freebsd", "arm", { Arm: "6" }))).toBe("goship_1.2.3_freebsd_armv6");
  });
});

describe("referencedFields", () => {
  const fields = (source: string) => referencedFields(parseTemplate(source, "test"));

  it("lists the top-level fields of a template, sorted and once each", () => {
    expect(fields(DEFAULT_ARCHIVE)).toEqual(["Amd64", "Arch", "Arm", "Mips", "Os", "ProjectName", "Version"]);
    expect(fields(UNAME_STYLE)).toEqual(["Arch", "Arm", "Os"]);
    expect(fields("{{ .Env.TOKEN }} {{ .Env.USER }}")).toEqual(["Env"]);
  });

  it("follows pipelines, arguments, sub-expressions, variables of $ and else branches", () => {
    expect(fields('{{ .A | printf "%s%s" (print .B) }}{{ $x := .C }}{{ $.D.E }}{{ (.F).G }}')).toEqual([
      "A",
      "B",
      "C",
      "D",
      "F",
    ]);
    expect(fields("{{ with .A }}{{ .NotTop }}{{ $.B }}{{ else }}{{ .C }}{{ end }}")).toEqual(["A", "B", "C"]);
    expect(
      fields("{{ range .List }}{{ .Item }}{{ else }}{{ .Empty }}{{ end }}{{ if .X }}{{ .Y }}{{ end }}"),
    ).toEqual(["Empty", "List", "X", "Y"]);
  });

  it("finds nothing in plain text", () => {
    expect(fields("dist/checksums.txt")).toEqual([]);
  });
});
