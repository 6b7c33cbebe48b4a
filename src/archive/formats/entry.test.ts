import { describe, expect, it } from "vitest";
import { type ArchiveEntry, compareUtf8, sortEntries, validateEntries, validateOptions } from "./entry.js";

const file = (path: string): ArchiveEntry => ({ path, kind: "file", mode: 0o644, data: new Uint8Array(1) });
const dir = (path: string): ArchiveEntry => ({ path, kind: "dir", mode: 0o755 });

describe("validateEntries", () => {
  it("accepts nested relative paths, including non-ASCII ones", () => {
    expect(() => validateEntries([dir("bin"), file("bin/app"), file("docs/é/README.md")])).not.toThrow();
  });

  it.each([
    ["", /empty/],
    ["/etc/passwd", /absolute/],
    ["..", /"\.\."/],
    ["a/../../b", /"\.\."/],
    ["../b", /"\.\."/],
    ["a\\b", /backslash/],
    ["..\\evil", /backslash/],
    ["a//b", /empty segment/],
    ["./a", /"\."/],
    ["a/", /trailing slash/],
    ["a\0b", /NUL/],
    ["bad\uD800name", /lone surrogate/],
  ])("rejects the unsafe path %j", (path, message) => {
    expect(() => validateEntries([file(path)])).toThrow(message);
    expect(() => validateEntries([file(path)])).toThrow(/unsafe archive path/);
  });

  it("rejects a path listed twice, even as a file and a directory", () => {
    expect(() => validateEntries([file("a"), file("a")])).toThrow('duplicate archive path "a"');
    expect(() => validateEntries([dir("a"), file("a")])).toThrow('duplicate archive path "a"');
  });

  it("rejects an entry inside a file", () => {
    expect(() => validateEntries([file("bin"), file("bin/app")])).toThrow(/inside "bin", which is a file/);
  });

  it("rejects files without data, directories with data and bad modes", () => {
    expect(() => validateEntries([{ path: "a", kind: "file", mode: 0o644 }])).toThrow(/has no data/);
    expect(() => validateEntries([{ ...dir("d"), data: new Uint8Array(0) }])).toThrow(/has data/);
    expect(() => validateEntries([{ ...file("a"), mode: -1 }])).toThrow(/mode -1/);
    expect(() => validateEntries([{ ...file("a"), mode: 1.5 }])).toThrow(/mode 1.5/);
  });
});

describe("validateOptions", () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects the mtime %s", (mtime) => {
    expect(() => validateOptions({ mtime })).toThrow(/mtime/);
  });

  it.each([-1, 10, 2.5])("rejects the level %s", (level) => {
    expect(() => validateOptions({ mtime: 0, level })).toThrow(/level/);
  });

  it("accepts the epoch and every level from 0 to 9", () => {
    for (let level = 0; level <= 9; level++) expect(() => validateOptions({ mtime: 0, level })).not.toThrow();
  });
});

describe("sortEntries", () => {
  it("orders by UTF-8 bytes, not by locale or UTF-16 code units", () => {
    const paths = ["\u{1F600}", "a/b", "\uFF61", "B", "a-b", "é", "a"];
    const sorted = sortEntries(paths.map(file)).map((entry) => entry.path);
    // U+FF61 (EF BD A1) comes before U+1F600 (F0 9F 98 80) in bytes, after it in UTF-16 (D83D…).
    expect(sorted).toEqual(["B", "a", "a-b", "a/b", "é", "\uFF61", "\u{1F600}"]);
    expect([...paths].sort()).not.toEqual(sorted);
    expect([...paths].sort((x, y) => x.localeCompare(y))).not.toEqual(sorted);
  });

  it("returns a copy and leaves the input order alone", () => {
    const input = [file("b"), file("a")];
    sortEntries(input);
    expect(input.map((entry) => entry.path)).toEqual(["b", "a"]);
  });

  it("compares equal strings as equal", () => {
    expect(compareUtf8("x/y", "x/y")).toBe(0);
  });
});
