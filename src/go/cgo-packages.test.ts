import { describe, expect, it } from "vitest";
import { packagesUsingCgo } from "./cgo-packages.js";

describe("cgo packages", () => {
  it("counts packages outside the standard library that have cgo files", () => {
    expect(
      packagesUsingCgo([
        { ImportPath: "runtime/cgo", Standard: true, CgoFiles: ["cgo.go"] },
        { ImportPath: "net", Standard: true, CgoFiles: ["cgo_unix.go"] },
        { ImportPath: "github.com/mattn/go-sqlite3", CgoFiles: ["sqlite3.go"] },
        { ImportPath: "example.com/tool/internal/c", CgoFiles: ["c.go"] },
        { ImportPath: "example.com/tool", CgoFiles: [] },
      ]),
    ).toEqual(["example.com/tool/internal/c", "github.com/mattn/go-sqlite3"]);
  });
});
