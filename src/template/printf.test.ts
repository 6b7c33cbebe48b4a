import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index.js";

const DATA = {
  Name: "goship",
  Count: 42,
  Ratio: 2.5,
  List: ["a", "b"],
  Ints: [1, 2],
  Map: { b: 1, a: "x" },
  Nil: null,
};

const printf = (args: string) => renderTemplate(`{{ printf ${args} }}`, DATA, { name: "test" });

describe("printf verbs", () => {
  it("formats strings: %s %q %x %X %v", () => {
    expect(printf('"%s|%q|%x|%X|%v" .Name "a\\"b\\n\\té" "héllo" "hi" .Name')).toBe(
      'goship|"a\\"b\\n\\té"|68c3a96c6c6f|6869|goship',
    );
    expect(printf('"%+q|%#q|%#q" "é" "a`b" "ab"')).toBe('"\\u00e9"|"a`b"|`ab`');
  });

  it("formats integers: %d %05d %+d %x %#x %o %b %c %U %q", () => {
    expect(printf('"%d|%05d|%05d|%+d|% d" .Count 42 -42 5 5')).toBe("42|00042|-0042|+5| 5");
    expect(printf('"%x|%X|%#x|%x|%o|%#o|%O|%b" 255 255 255 -255 8 8 8 5')).toBe(
      "ff|FF|0xff|-ff|10|010|0o10|101",
    );
    expect(printf("\"%c|%U|%#U|%q\" 0x1F600 0x41 0x41 'x'")).toBe("😀|U+0041|U+0041 'A'|'x'");
    expect(printf('"%.0d|%5.3d|%-5d|" 0 7 3')).toBe("|  007|3    |");
  });

  it("formats floats: %f %.2f %e %g %v, rounding ties to even as Go does", () => {
    expect(printf('"%f|%.2f|%8.3f|%-8.2f|%08.3f" 3.14159 3.14159 3.14159 3.14159 -3.14159')).toBe(
      "3.141590|3.14|   3.142|3.14    |-003.142",
    );
    expect(printf('"%e|%E|%g|%G|%.3g" 1234.5678 1234.5678 0.000012 1e21 1234.5678')).toBe(
      "1.234568e+03|1.234568E+03|1.2e-05|1E+21|1.23e+03",
    );
    expect(printf('"%.0f|%.0f|%.1f|%05.1f" 2.5 3.5 0.25 2.25')).toBe("2|4|0.2|002.2");
    expect(printf('"%v|%v|%v|%v" .Ratio 1e6 123456.0 1234567.0')).toBe("2.5|1e+06|123456|1.234567e+06");
  });

  it("formats booleans, lists, maps and nil", () => {
    expect(printf('"%t|%5t|%v" true false true')).toBe("true|false|true");
    expect(printf('"%v|%s|%d|%q|%x" .List .List .Ints .List .List')).toBe(
      '[a b]|[a b]|[1 2]|["a" "b"]|[61 62]',
    );
    expect(printf('"%v|%v|%s|%d" .Map .Nil .Nil .Nil')).toBe("map[a:x b:1]|<nil>|%!s(<nil>)|%!d(<nil>)");
  });

  it("pads with width, precision, - and 0", () => {
    expect(printf('"[%-10s][%10s][%.2s][%5.1s][%05s]" "left" "right" "héllo" "abc" "ab"')).toBe(
      "[left      ][     right][hé][    a][000ab]",
    );
  });

  it("prints %% and %T", () => {
    expect(printf('"100%% %T %T %T %T %T" 1 1.5 "s" true .List')).toBe(
      "100% int float64 string bool []string",
    );
  });

  it("supports explicit argument indexes and * widths", () => {
    expect(printf('"%[2]s %[1]s %s|%*d|%.*f" "a" "b" 4 7 2 3.14159')).toBe("b a b|   7|3.14");
  });

  it("reports bad verbs, missing and extra arguments inline, as Go does", () => {
    expect(printf('"%d|%s|%t" "foo" 5 "x"')).toBe("%!d(string=foo)|%!s(int=5)|%!t(string=x)");
    expect(printf('"%d %s" 1')).toBe("1 %!s(MISSING)");
    expect(printf('"%d" 1 "extra" nil')).toBe("1%!(EXTRA string=extra, <nil>)");
    expect(printf('"%z|%" 1')).toBe("%!z(int=1)|%!(NOVERB)");
    expect(printf('"%d" 3.0')).toBe("%!d(float64=3)");
    expect(printf('"%5.2f" .Ints')).toBe("[%!f(int=   01) %!f(int=   02)]");
    expect(printf('"%v" 1 .Ints .Map')).toBe("1%!(EXTRA []int=[1 2], map[string]interface {}=map[a:x b:1])");
  });
});
