import { describe, expect, it } from "vitest";
import { MalformedBinaryError } from "./errors.js";
import { formatModinfo, parseBuildInfoText } from "./modinfo.js";

// Input and output recorded from runtime/debug.ParseBuildInfo and BuildInfo.String.
const INPUT = [
  "path\texample.com/x/cmd/x",
  "mod\texample.com/x\t(devel)\t",
  "dep\tgolang.org/x/text\tv0.3.0\th1:abc=",
  "dep\texample.com/local\tv0.0.0",
  "=>\t../local\t(devel)\t",
  "weird line",
  'build\t-ldflags="-X main.v=1 -s"',
  'build\t"a=b"=`x y`',
  "build\tCGO_ENABLED=0",
  "build\tempty=",
  'build\t""=v',
  "trailing\twithout newline",
].join("\n");

const OUTPUT = [
  "path\texample.com/x/cmd/x",
  "mod\texample.com/x\t(devel)\t",
  "dep\tgolang.org/x/text\tv0.3.0\th1:abc=",
  "dep\texample.com/local\tv0.0.0",
  "=>\t../local\t(devel)\t",
  "",
  'build\t-ldflags="-X main.v=1 -s"',
  'build\t"a=b"="x y"',
  "build\tCGO_ENABLED=0",
  "build\tempty=",
  'build\t""=v',
  "",
].join("\n");

describe("parseBuildInfoText", () => {
  it("parses modules, replacements and quoted settings", () => {
    const info = parseBuildInfoText(INPUT, "go1.22.4");
    expect(info.goVersion).toBe("go1.22.4");
    expect(info.path).toBe("example.com/x/cmd/x");
    expect(info.main).toEqual({ path: "example.com/x", version: "(devel)", sum: "" });
    expect(info.deps[1]).toEqual({
      path: "example.com/local",
      version: "v0.0.0",
      sum: "",
      replace: { path: "../local", version: "(devel)", sum: "" },
    });
    expect(info.settings).toEqual([
      { key: "-ldflags", value: "-X main.v=1 -s" },
      { key: "a=b", value: "x y" },
      { key: "CGO_ENABLED", value: "0" },
      { key: "empty", value: "" },
      { key: "", value: "v" },
    ]);
  });

  it("prints what BuildInfo.String prints, with the blank line after a replacement", () => {
    expect(formatModinfo({ ...parseBuildInfoText(INPUT), goVersion: "" })).toBe(OUTPUT);
    expect(formatModinfo(parseBuildInfoText(INPUT, "go1.22.4"))).toBe(`go\tgo1.22.4\n${OUTPUT}`);
  });

  it("prints nothing for an empty build", () => {
    expect(formatModinfo(parseBuildInfoText(""))).toBe("");
  });

  it("quotes non-printable and non-UTF-8 setting values like strconv.Quote, only when needed", () => {
    const raw = parseBuildInfoText('build\tx="a\\xffb\\u2028"\n');
    expect(raw.settings[0]?.value).toBe("a\udcffb\u2028");
    expect(formatModinfo(raw)).toBe("build\tx=a\udcffb\u2028\n");
    const spaced = parseBuildInfoText('build\tx="a \\xffb\\u2028"\n');
    expect(formatModinfo(spaced)).toBe('build\tx="a \\xffb\\u2028"\n');
  });

  it.each([
    ["mod\ta\n", "line 1: expected 2 or 3 columns; got 1"],
    ["path\tp\n=>\ta\tb\tc\n", "line 2: replacement with no module on previous line"],
    ["build\tk=a b\n", 'line 1: unquoted value "a b" must be quoted'],
    ["build\t=v\n", "line 1: build line with missing key"],
    ["build\tnoeq\n", "line 1: build line missing '=' after key"],
    ['build\t"k"x\n', "line 1: unexpected character after quoted key: 'x'"],
    ['build\tk="unterminated\n', "line 1: invalid quoted value in build line"],
    ["dep\ta\tb\tc\td\n", "line 1: expected 2 or 3 columns; got 4"],
    ["path\tx\nbuild\ta b=c\n", 'line 2: unquoted key "a b" must be quoted'],
  ])("rejects %j with Go's message", (text, message) => {
    expect(() => parseBuildInfoText(text)).toThrow(new MalformedBinaryError(`build info: ${message}`));
  });
});
