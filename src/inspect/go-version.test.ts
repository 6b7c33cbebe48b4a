import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatGoVersion,
  formatGoVersionM,
  isGoBinaryCandidate,
  walkGoVersionCandidates,
} from "./go-version.js";
import { parseBuildInfoText } from "./modinfo.js";

const info = parseBuildInfoText(
  'path\texample.com/app\nmod\texample.com/app\tv1.2.3\t\ndep\texample.com/lib\tv0.1.0\th1:x=\nbuild\t-ldflags="-s -w"\nbuild\tCGO_ENABLED=0\n',
  "go1.22.4",
);

describe("formatGoVersionM", () => {
  it("prints the version line, then every modinfo line behind a tab", () => {
    expect(formatGoVersionM("dist/app", { buildInfo: info })).toBe(
      [
        "dist/app: go1.22.4",
        "\tpath\texample.com/app",
        "\tmod\texample.com/app\tv1.2.3\t",
        "\tdep\texample.com/lib\tv0.1.0\th1:x=",
        '\tbuild\t-ldflags="-s -w"',
        "\tbuild\tCGO_ENABLED=0",
        "",
      ].join("\n"),
    );
  });

  it("prints only the version line without modules", () => {
    const bare = parseBuildInfoText("", "go1.22.4");
    expect(formatGoVersionM("x", bare)).toBe("x: go1.22.4\n");
    expect(formatGoVersion("x", info)).toBe("x: go1.22.4\n");
  });
});

describe("walkGoVersionCandidates", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "goship-walk-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("walks like filepath.WalkDir: byte order, file symlinks only, no symlinked directories", async () => {
    mkdirSync(path.join(root, "b/inner"), { recursive: true });
    mkdirSync(path.join(root, "a"));
    for (const name of ["b/inner/z", "b/B", "a/x.exe", "Z", "a/y"]) writeFileSync(path.join(root, name), "x");
    symlinkSync("a", path.join(root, "link-to-dir"));
    symlinkSync("Z", path.join(root, "link-to-file"));
    symlinkSync("missing", path.join(root, "dangling"));
    const seen: string[] = [];
    for await (const file of walkGoVersionCandidates(`${root}/`)) seen.push(path.relative(root, file));
    expect(seen).toEqual(["Z", "a/x.exe", "a/y", "b/B", "b/inner/z", "link-to-file"]);
    expect(readdirSync(root)).toContain("dangling");
  });

  it("names candidates as go version -v does", () => {
    const file = path.join(root, "plain");
    writeFileSync(file, "x");
    const stats = { mode: 0o644, isFile: () => true };
    expect(isGoBinaryCandidate(file, stats)).toBe(false);
    expect(isGoBinaryCandidate(file, { ...stats, mode: 0o755 })).toBe(true);
    expect(isGoBinaryCandidate("dist/APP.EXE", stats)).toBe(true);
    expect(isGoBinaryCandidate("lib/libx.so.1", stats)).toBe(true);
  });
});

describe("process isolation", () => {
  it("keeps inspection free of anything that starts processes, so it runs without a toolchain", () => {
    const dir = import.meta.dirname;
    const seen = new Set<string>();
    const visit = (file: string, from: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const [, spec] of source.matchAll(/from "([^"]+)"/g)) {
        expect(spec, `${path.relative(dir, file)} (reached from ${from}) imports ${spec}`).not.toMatch(
          /child_process|process\/exec\.js$|worker_threads/,
        );
        if (spec!.startsWith("."))
          visit(path.resolve(path.dirname(file), spec!.replace(/\.js$/, ".ts")), from);
      }
    };
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
      visit(path.join(dir, name), name);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
