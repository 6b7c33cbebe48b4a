import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateData } from "./index.js";

const DATA = {
  Arch: "amd64",
  Arm: "7",
  Major: 1,
  Count: 5,
  Ratio: 2.5,
  Big: 2n ** 62n,
  Nil: null,
  True: true,
  List: ["a", "b", "c"],
  Map: { a: "1", b: "2" },
  Any: { n: null, nested: { k: "v" } },
};

const render = (source: string, data: TemplateData = DATA) => renderTemplate(source, data, { name: "test" });

describe("eq and ne", () => {
  it("compares with one or several values (eq a b c is a == b || a == c)", () => {
    expect(render('{{ eq .Arch "amd64" }} {{ eq .Arch "386" "arm" }} {{ eq .Arch "386" "amd64" }}')).toBe(
      "true false true",
    );
    expect(render('{{ ne .Arch "amd64" }} {{ ne .Count 4 }}')).toBe("false true");
  });

  it("compares numbers of the same kind, and bools, and nil with nil", () => {
    expect(render("{{ eq .Major 1 }} {{ eq .Ratio 2.5 }} {{ eq .True true }} {{ eq .Nil nil }}")).toBe(
      "true true true true",
    );
    expect(render("{{ eq .Big 4611686018427387904 }} {{ eq .Nil .Arch }}")).toBe("true false");
  });

  it("refuses to compare different basic kinds, as Go does", () => {
    expect(() => render("{{ eq .Arm 7 }}")).toThrow(
      'test:1:4: error calling eq: incompatible types for comparison: string and int; quote the number to compare text, as in eq .Arm "7"',
    );
    expect(() => render("{{ eq 1 1.0 }}")).toThrow("incompatible types for comparison: int and float64");
    expect(() => render("{{ eq .Count .Ratio }}")).toThrow(
      "incompatible types for comparison: int and float64",
    );
  });

  it("refuses lists and maps, and a lone argument", () => {
    expect(() => render("{{ eq .List .List }}")).toThrow("non-comparable type []string");
    expect(() => render("{{ eq 1 }}")).toThrow("missing argument for comparison");
  });
});

describe("lt, le, gt, ge", () => {
  it.each([
    ["lt", "true false false"],
    ["le", "true true false"],
    ["gt", "false false true"],
    ["ge", "false true true"],
  ])("%s compares numbers", (fn, expected) => {
    expect(render(`{{ ${fn} 1 2 }} {{ ${fn} 2 2 }} {{ ${fn} 3 2 }}`)).toBe(expected);
  });

  it("orders floats, and strings bytewise", () => {
    expect(
      render('{{ lt .Ratio 3.0 }} {{ gt "b" "a" }} {{ lt "Z" "a" }} {{ lt "é" "z" }} {{ le "a" "a" }}'),
    ).toBe("true true true false true");
  });

  it("refuses booleans, nil and mixed kinds", () => {
    expect(() => render("{{ lt true false }}")).toThrow("error calling lt: invalid type for comparison");
    expect(() => render("{{ lt .Nil 1 }}")).toThrow("invalid type for comparison");
    expect(() => render('{{ lt "a" 1 }}')).toThrow("incompatible types for comparison: string and int");
    expect(() => render("{{ ge .Count 2.0 }}")).toThrow("incompatible types for comparison: int and float64");
  });
});

describe("len, index, slice", () => {
  it("measures strings in bytes, lists and maps in elements", () => {
    expect(render('{{ len "héllo" }} {{ len .List }} {{ len .Map }} {{ len "" }}')).toBe("6 3 2 0");
    expect(() => render("{{ len 3 }}")).toThrow("error calling len: len of type int");
    expect(() => render("{{ len .Nil }}")).toThrow("len of nil pointer");
  });

  it("indexes lists, strings (giving a byte) and nested maps", () => {
    expect(render('{{ index .List 1 }} {{ index "abc" 1 }} {{ index .Any "nested" "k" }}')).toBe("b 98 v");
    expect(() => render("{{ index .List 3 }}")).toThrow("error calling index: index out of range: 3");
    expect(() => render("{{ index .Nil 0 }}")).toThrow("index of untyped nil");
  });

  it("gives the zero value for a missing map key: empty for a string map, nil otherwise", () => {
    expect(render('[{{ index .Map "zz" }}] [{{ index .Any "zz" }}] [{{ index .Any "n" }}]')).toBe(
      "[] [<no value>] [<no value>]",
    );
  });

  it("slices lists and strings", () => {
    expect(
      render('{{ slice .List 1 }} {{ slice .List 1 2 }} {{ slice .List }} {{ slice "hello" 1 3 }}'),
    ).toBe("[b c] [b] [a b c] el");
    expect(() => render('{{ slice "ab" 0 1 2 }}')).toThrow("cannot 3-index slice a string");
    expect(() => render("{{ slice .List 2 1 }}")).toThrow("invalid slice index: 2 > 1");
  });
});

describe("print, println", () => {
  it("print works like fmt.Sprint: a space only between two operands that are not strings", () => {
    expect(render('{{ print "a" "b" 1 2 "c" true nil }}')).toBe("ab1 2ctrue <nil>");
    expect(render("{{ print .List .Map }}")).toBe("[a b c] map[a:1 b:2]");
  });

  it("println works like fmt.Sprintln", () => {
    expect(render('{{ println "a" 1 }}')).toBe("a 1\n");
  });
});

describe("html, js, urlquery", () => {
  it("html escapes for HTML", () => {
    expect(render(`{{ html "<a href='x'>&\\"" }}`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;&#34;");
    expect(render("{{ html .Nil }}")).toBe("&lt;no value&gt;");
  });

  it("js escapes for JavaScript", () => {
    expect(render(`{{ js "a'b\\"c<>&= é" }}`)).toBe("a\\'b\\\"c\\u003C\\u003E\\u0026\\u003D é");
  });

  it("urlquery escapes for a URL query, printing several values first", () => {
    expect(render('{{ urlquery "a b&c/d?é" }} {{ urlquery "x" 1 }}')).toBe("a+b%26c%2Fd%3F%C3%A9 x1");
    expect(render("{{ urlquery .True .Nil }}")).toBe("true%3Cno+value%3E");
  });
});

describe("function arguments", () => {
  it("checks the number of arguments, counting the piped value", () => {
    expect(() => render("{{ not }}")).toThrow("test:1:4: wrong number of args for not: want 1 got 0");
    expect(() => render("{{ .Arch | not 1 }}")).toThrow("wrong number of args for not: want 1 got 2");
    expect(() => render("{{ printf }}")).toThrow("wrong number of args for printf: want at least 1 got 0");
  });

  it("checks argument types like Go", () => {
    expect(() => render("{{ printf 3 }}")).toThrow(
      "test:1:11: wrong type for value; expected string; got int",
    );
    expect(() => render("{{ printf .Nil }}")).toThrow("invalid value; expected string");
  });

  it("refuses arguments to things that are not functions", () => {
    expect(() => render("{{ .Arch 1 }}")).toThrow("Arch is not a method but has arguments");
    expect(() => render('{{ "x" | .Arch }}')).toThrow("Arch is not a method but has arguments");
    expect(() => render("{{ $ 1 }}")).toThrow("can't give argument to non-function $");
  });
});
