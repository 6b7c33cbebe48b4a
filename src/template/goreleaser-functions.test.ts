import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type RenderOptions, renderTemplate } from "./index.js";

const DATA = { Tag: "v1.2.3", Version: "1.2.3", Os: "darwin", Env: { HOME: "/home/me", EMPTY: "" } };
const FILES: Record<string, string> = { "notes.txt": "  hello\n" };

const render = (source: string, options: RenderOptions = {}) =>
  renderTemplate(source, DATA, {
    name: "test",
    readFile: (path) => {
      if (!(path in FILES)) throw new Error(`open ${path}: no such file or directory`);
      return FILES[path]!;
    },
    ...options,
  });

describe("string functions", () => {
  it("replace replaces every occurrence, literally", () => {
    expect(
      render('{{ replace "v1.2.3" "v" "" }}|{{ replace "a.b.c" "." "-" }}|{{ replace "a$b" "$" "$&" }}'),
    ).toBe("1.2.3|a-b-c|a$&b");
    expect(render('{{ replace "abc" "" "-" }}')).toBe("-a-b-c-");
  });

  it("split gives a list, splitting into characters on an empty separator", () => {
    expect(render('{{ split "a,b,,c" "," }} {{ split "héllo" "" }} {{ len (split "" ",") }}')).toBe(
      "[a b  c] [h é l l o] 1",
    );
    expect(render('{{ index (split .Version ".") 1 }}')).toBe("2");
  });

  it("contains finds a substring", () => {
    expect(render('{{ contains "foobar" "oba" }} {{ contains "foo" "x" }}')).toBe("true false");
  });

  it("tolower and toupper map each character on its own, as Go does", () => {
    expect(render('{{ tolower "HÉLLO İ" }}')).toBe("héllo i");
    expect(render('{{ toupper "héllo ß" }}')).toBe("HÉLLO ß");
  });

  it("trim removes Go's white space", () => {
    expect(render('[{{ trim "  \\t x y \\n " }}][{{ trim "\\u00a0x\\u0085" }}]')).toBe("[x y][x]");
  });

  it("trimprefix removes one leading prefix", () => {
    expect(render('{{ trimprefix .Tag "v" }} {{ trimprefix "1.2" "v" }} {{ trimprefix "vv1" "v" }}')).toBe(
      "1.2.3 1.2 v1",
    );
  });

  it("trimsuffix removes one trailing suffix", () => {
    expect(render('{{ trimsuffix "a.tar.gz" ".gz" }} {{ trimsuffix "a" ".gz" }}')).toBe("a.tar a");
  });

  it("title capitalises each word in English title case", () => {
    expect(render('{{ title .Os }} {{ title "HELLO wORLD" }} {{ title "x86_64 foo-bar it\'s" }}')).toBe(
      "Darwin Hello World X86_64 Foo-Bar It's",
    );
    expect(render('{{ title "1st ǆemal foo.bar" }}')).toBe("1St ǅemal Foo.bar");
  });

  it("mdv2escape escapes Telegram MarkdownV2 characters", () => {
    expect(render('{{ mdv2escape "v1.2.3_rc-1 *[x](y)!" }}')).toBe(
      "v1\\.2\\.3\\_rc\\-1 \\*\\[x\\]\\(y\\)\\!",
    );
  });

  it("urlPathEscape escapes a path segment", () => {
    expect(render('{{ urlPathEscape "foo bar/baz?x=1&y@z:w+$é~" }}')).toBe(
      "foo%20bar%2Fbaz%3Fx=1&y@z:w+$%C3%A9~",
    );
  });

  it("filter and reverseFilter keep or drop matching lines", () => {
    expect(render('{{ filter "line one\\nline two\\nthree" "^line" }}')).toBe("line one\nline two");
    expect(render('{{ reverseFilter "line one\\nline two\\nthree" "^line" }}')).toBe("three");
    expect(render('{{ filter "a1\\nb\\nc2" "[[:digit:]]$" }}')).toBe("a1\nc2");
  });

  it("filter takes POSIX regular expressions only, as GoReleaser does", () => {
    expect(() => render('{{ filter "a" "(?i)A" }}')).toThrow(
      "error calling filter: missing argument to repetition operator",
    );
    expect(() => render('{{ filter "a" `\\d` }}')).toThrow("invalid escape sequence: `\\d`");
  });
});

describe("paths", () => {
  it("dir follows Go's path rules", () => {
    expect(
      render('{{ dir "a/b/c" }} {{ dir "a/b/" }} {{ dir "file" }} {{ dir "/a" }} {{ dir "a/../b/c" }}'),
    ).toBe("a/b a/b . / b");
  });

  it("base follows Go's path rules", () => {
    expect(render('{{ base "a/b/c.tar.gz" }} {{ base "a/b/" }} {{ base "" }} {{ base "/" }}')).toBe(
      "c.tar.gz b . /",
    );
  });

  it("abs resolves against the given working directory", () => {
    expect(render('{{ abs "dist/app" }}', { cwd: "/srv/project" })).toBe(resolve("/srv/project", "dist/app"));
  });
});

describe("versions", () => {
  it("incpatch increments the patch, or only drops a prerelease", () => {
    expect(
      render('{{ incpatch .Tag }} {{ .Version | incpatch }} {{ incpatch "v1.2.3-rc.1" }} {{ incpatch "1" }}'),
    ).toBe("v1.2.4 1.2.4 v1.2.3 1.0.1");
  });

  it("incminor increments the minor and resets the patch", () => {
    expect(render('{{ incminor .Tag }} {{ incminor "1.2.3-rc.1+meta" }}')).toBe("v1.3.0 1.3.0");
  });

  it("incmajor increments the major and resets the rest", () => {
    expect(render('{{ incmajor .Tag }} {{ incmajor "1.2" }}')).toBe("v2.0.0 2.0.0");
  });

  it("refuses what is not a semantic version", () => {
    expect(() => render('{{ incpatch "main" }}')).toThrow(
      'error calling incpatch: "main" is not a semantic version',
    );
  });
});

describe("environment", () => {
  it("envOrDefault gives the variable when it is set, even empty", () => {
    expect(
      render('{{ envOrDefault "HOME" "x" }} [{{ envOrDefault "EMPTY" "x" }}] {{ envOrDefault "NOPE" "x" }}'),
    ).toBe("/home/me [] x");
  });

  it("isEnvSet is true only for a set, non-empty variable", () => {
    expect(render('{{ isEnvSet "HOME" }} {{ isEnvSet "EMPTY" }} {{ isEnvSet "NOPE" }}')).toBe(
      "true false false",
    );
  });

  it("takes the environment from the env option when given", () => {
    expect(render('{{ envOrDefault "CI" "local" }} {{ .Env.CI }}', { env: { CI: "true" } })).toBe(
      "true true",
    );
  });
});

describe("lists and maps", () => {
  it("list makes a list of strings", () => {
    expect(render('{{ list "a" "b" }} {{ range list "x" "y" }}{{ . }}{{ end }} {{ len (list) }}')).toBe(
      "[a b] xy 0",
    );
  });

  it("englishJoin joins a list in English, leaving out blank items", () => {
    expect(render('{{ englishJoin (list "a" "b") }}; {{ englishJoin (list "a" "" "b" "c") }}')).toBe(
      "a and b; a, b, and c",
    );
  });

  it("map builds a string map from pairs", () => {
    expect(render('{{ $m := map "b" "2" "a" "1" }}{{ $m }} {{ $m.a }}')).toBe("map[a:1 b:2] 1");
    expect(() => render('{{ map "odd" }}')).toThrow(
      "error calling map: map expects even number of arguments, got 1",
    );
  });

  it("indexOrDefault reads a string map with a fallback", () => {
    const template = '{{ $m := map "linux" "Linux" "darwin" "macOS" }}{{ indexOrDefault $m .Os .Os }}';
    expect(render(template)).toBe("macOS");
    expect(render('{{ indexOrDefault (map "a" "1") "b" "none" }} {{ indexOrDefault .Env "HOME" "?" }}')).toBe(
      "none /home/me",
    );
  });

  it("checks Go parameter types", () => {
    expect(() => render('{{ indexOrDefault (list "a") "b" "c" }}')).toThrow(
      "wrong type for value; expected map[string]string; got []string",
    );
    expect(() => render("{{ englishJoin .Os }}")).toThrow(
      "wrong type for value; expected []string; got string",
    );
  });
});

describe("files and hashes", () => {
  it("readFile trims the contents and gives nothing for a missing file; mustReadFile fails", () => {
    expect(render('[{{ readFile "notes.txt" }}][{{ readFile "missing" }}]')).toBe("[hello][]");
    expect(render('{{ mustReadFile "notes.txt" }}')).toBe("hello");
    expect(() => render('{{ mustReadFile "missing" }}')).toThrow("error calling mustReadFile: open missing");
  });

  it("hashes the contents of the file at a path, as GoReleaser does", () => {
    expect(render('{{ sha256 "notes.txt" }}')).toBe(
      "1d2dda91473105b2ce40ceee139dc774cdb1a9936e56b50f82a7e69232d4e13d",
    );
    expect(render('{{ md5 "notes.txt" }} {{ crc32 "notes.txt" }}')).toBe(
      "acd38118703c95fa828bb6876c2561be d4111520",
    );
  });

  it("fails clearly when rendered without file access", () => {
    expect(() => renderTemplate('{{ sha256 "x" }}', {}, { name: "test" })).toThrow(
      "error calling sha256: sha256 reads files, and this template is rendered without file access",
    );
  });
});
