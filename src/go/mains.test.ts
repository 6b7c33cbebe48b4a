import { describe, expect, it } from "vitest";
import { chooseMains } from "./mains.js";
import type { MainPackage } from "./module.js";

const main = (rel: string): MainPackage => {
  const path = rel.replace(/^\.\/?/, "");
  return {
    importPath: path ? `example.com/x/${path}` : "example.com/x",
    relativePath: rel,
    binary: path ? path.split("/").at(-1)! : "x",
  };
};
const rels = (mains: readonly MainPackage[]) => mains.map((m) => m.relativePath);

describe("chooseMains", () => {
  it("releases the module-root main and cmd/* and leaves developer tools out", () => {
    const all = [
      ".",
      "./cmd/api",
      "./cmd/gen-docs",
      "./scripts/generate-x",
      "./internal/tool",
      "./examples/demo",
    ].map(main);
    const choice = chooseMains(all);
    expect(rels(choice.released)).toEqual([".", "./cmd/api"]);
    expect(rels(choice.left)).toEqual([
      "./cmd/gen-docs",
      "./scripts/generate-x",
      "./internal/tool",
      "./examples/demo",
    ]);
  });

  it("without a root or cmd main, releases every main outside developer folders", () => {
    const all = ["./app", "./server", "./hack/release", "./tools/lint", "./x/testdata/fake"].map(main);
    expect(rels(chooseMains(all).released)).toEqual(["./app", "./server"]);
  });

  it("releases every main when all of them sit in developer folders rather than nothing", () => {
    const all = ["./examples/hello"].map(main);
    expect(rels(chooseMains(all).released)).toEqual(["./examples/hello"]);
  });

  it("takes the mains named with --main, in any of the forms go accepts", () => {
    const all = [".", "./cmd/api", "./tools/gen"].map(main);
    expect(rels(chooseMains(all, ["tools/gen/", "./cmd/api"]).released)).toEqual([
      "./tools/gen",
      "./cmd/api",
    ]);
    expect(() => chooseMains(all, ["./cmd/nope"])).toThrow(/not a main package.*\.\/cmd\/api/);
  });

  it("refuses two released mains that would make the same binary, not mains left out", () => {
    expect(() =>
      chooseMains(["./cmd/server", "./cmd/x/server"].map(main), ["./cmd/server", "./cmd/x/server"]),
    ).toThrow(/same binary "server"/);
    expect(rels(chooseMains(["./cmd/server", "./tools/server"].map(main)).released)).toEqual([
      "./cmd/server",
    ]);
  });
});
