import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputFiles, untrackedOf } from "./untracked.js";

describe("untracked inputs", () => {
  it("collects Go, embedded and assembly files of local packages, not of the standard library", () => {
    const files = inputFiles([
      { Dir: "/m/cmd/app", GoFiles: ["main.go"], EmbedFiles: ["secret.txt", "static/a.css"] },
      { Dir: "/m/internal/x", GoFiles: ["x.go"], SFiles: ["x_amd64.s"] },
      { Dir: "/go/src/fmt", Standard: true, GoFiles: ["print.go"] },
    ]);
    expect(files).toEqual(
      [
        "/m/cmd/app/main.go",
        "/m/cmd/app/secret.txt",
        "/m/cmd/app/static/a.css",
        "/m/internal/x/x.go",
        "/m/internal/x/x_amd64.s",
      ].map((f) => path.join(f)),
    );
  });

  it("keeps the files git does not track, inside the module only", () => {
    const tracked = new Set(["cmd/app/main.go", "go.mod"]);
    expect(
      untrackedOf(["cmd/app/main.go", "cmd/app/secret.txt", "go.mod", "../shared/x.go"], tracked),
    ).toEqual(["cmd/app/secret.txt"]);
  });
});
