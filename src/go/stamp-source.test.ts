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
`;

describe("checkStampTarget", () => {
  it("accepts package-level string variables with constant initializers", () => {
    for (const name of ["version", "commit", "date", "builtBy", "raw"])
      expect(checkStampTarget([main], name)).toEqual({ kind: "ok" });
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
