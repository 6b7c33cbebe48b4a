import { describe, expect, it } from "vitest";
import { lastElement, mainPackages, parseJsonStream } from "./module.js";

describe("module discovery", () => {
  it("names binaries after the last element of the import path", () => {
    expect(lastElement("example.com/tool/cmd/api")).toBe("api");
    expect(lastElement("example.com/tool/v2")).toBe("tool");
    expect(lastElement("tool")).toBe("tool");
  });

  it("keeps main packages, relative to the module root, sorted", () => {
    const mains = mainPackages("example.com/x", "/m", [
      { ImportPath: "example.com/x/cmd/b", Name: "main", Dir: "/m/cmd/b" },
      { ImportPath: "example.com/x/lib", Name: "lib", Dir: "/m/lib" },
      { ImportPath: "example.com/x", Name: "main", Dir: "/m" },
    ]);
    expect(mains).toEqual([
      { importPath: "example.com/x", relativePath: ".", binary: "x" },
      { importPath: "example.com/x/cmd/b", relativePath: "./cmd/b", binary: "b" },
    ]);
  });

  it("parses go list's stream of JSON objects, braces in strings included", () => {
    expect(parseJsonStream('{"A":"}{"}\n{"B":{"C":1}}\n')).toEqual([{ A: "}{" }, { B: { C: 1 } }]);
  });
});
