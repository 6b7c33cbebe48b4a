import { describe, expect, it } from "vitest";
import { checkStampTarget, describeStampProblem } from "./stamp-source.js";

const main = `package main

import "fmt"

// version is set at link time.
var version = "dev"

var (
	commit, date string
	builtBy      = "unknown" + suffix
	computed     = fmt.Sprint("x")
	other        = version
	count        int
	raw          = \`raw
string\`
)

const suffix = "-goship"
const frozen = "1.0"

var v = f()

func f() string { var version = "shadow"; return version }

func show() { fmt.Println(commit, date, builtBy, raw, unusedLookalike.date) }

var unread string

var (
	flagged = flag.Bool("version", false, "print the version")
	number  = 5
	list    = []string{"a"}
)
`;

describe("checkStampTarget", () => {
  it("accepts package-level string variables with constant initializers", () => {
    for (const name of ["version", "commit", "date", "builtBy", "raw"])
      expect(checkStampTarget([main], name)).toEqual({ kind: "ok" });
  });

  it("finds variables nothing reads, which the linker drops with their stamp", () => {
    expect(checkStampTarget([main], "unread")).toEqual({ kind: "unused" });
    expect(describeStampProblem("main.unread", "example.com/x", { kind: "unused" })).toMatch(/never read/);
  });

  it("knows initializers that are plainly not strings, which make -X break the build", () => {
    expect(checkStampTarget([main], "flagged")).toEqual({
      kind: "not-string",
      type: "the pointer flag.Bool(…) returns",
    });
    expect(checkStampTarget([main], "number")).toMatchObject({ kind: "not-string" });
    expect(checkStampTarget([main], "list")).toMatchObject({ kind: "not-string" });
    expect(
      describeStampProblem("main.flagged", "example.com/x", checkStampTarget([main], "flagged")),
    ).toMatch(/breaks the build.*flag\.Bool/);
  });

  it("finds the cases where the linker would silently do nothing", () => {
    expect(checkStampTarget([main], "verison")).toEqual({ kind: "missing" });
    expect(checkStampTarget([main], "frozen")).toEqual({ kind: "constant" });
    expect(checkStampTarget([main], "v")).toEqual({ kind: "non-constant", initializer: "f()" });
    expect(checkStampTarget([main], "computed")).toMatchObject({ kind: "non-constant" });
    expect(checkStampTarget([main], "other")).toMatchObject({ kind: "non-constant", initializer: "version" });
    expect(checkStampTarget([main], "count")).toEqual({ kind: "not-string", type: "int" });
  });

  it("looks across every file of the package", () => {
    expect(checkStampTarget(["package main\n", "package main\nvar Version string\n"], "Version")).toEqual({
      kind: "ok",
    });
  });

  it("explains each problem, naming the flag", () => {
    expect(describeStampProblem("main.verison", "example.com/x", { kind: "missing" })).toBe(
      '-X main.verison will do nothing: example.com/x has no package-level variable "verison"; declare `var verison string` or fix the name',
    );
  });
});
