import { describe, expect, it } from "vitest";
import { ShellWordsError, splitShellWords } from "./shell-words.js";

describe("splitShellWords (go-shellwords defaults, as GoReleaser splits hooks)", () => {
  it("splits on white space and keeps quoted words whole", () => {
    expect(splitShellWords(`go build -ldflags "-s -w" ./...`)).toEqual([
      "go",
      "build",
      "-ldflags",
      "-s -w",
      "./...",
    ]);
    expect(splitShellWords(`echo 'it is'  "a \\"test\\""`)).toEqual(["echo", "it is", 'a "test"']);
    expect(splitShellWords(`printf a\\ b`)).toEqual(["printf", "a b"]);
    expect(splitShellWords(`echo ""`)).toEqual(["echo", ""]);
  });

  it("never expands variables or globs: no shell runs", () => {
    expect(splitShellWords(`echo $HOME *.go`)).toEqual(["echo", "$HOME", "*.go"]);
  });

  it("stops at an unquoted operator, as go-shellwords does", () => {
    expect(splitShellWords(`go mod tidy && git diff`)).toEqual(["go", "mod", "tidy"]);
    expect(splitShellWords(`make 2>/dev/null`)).toEqual(["make"]);
    expect(splitShellWords(`echo "a;b"`)).toEqual(["echo", "a;b"]);
  });

  it("rejects unclosed quotes and a bare parenthesis", () => {
    expect(() => splitShellWords(`echo "open`)).toThrow(ShellWordsError);
    expect(() => splitShellWords(`echo (x)`)).toThrow(ShellWordsError);
    expect(splitShellWords(`echo $(date)`)).toEqual(["echo", "$(date)"]);
  });
});
