// The bytes of whole releases, pinned: every file in dist of the fixtures' releases must keep the
// digests recorded in test/fixtures/golden (GOSHIP_UPDATE_GOLDEN=1 rewrites them). Restructuring
// goship must never change what it releases; a change here is a change of output, on purpose or not.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, repoRoot } from "../helpers/fixture.js";

const goldenDir = path.join(repoRoot, "test/fixtures/golden");

interface Golden {
  /** Binaries are only byte-identical with the same toolchain. */
  readonly go: string;
  readonly files: Record<string, string>;
}

const cases = [
  // Zero config: a module with two main packages, the six default targets.
  { name: "api", fixture: "api", args: [] as string[] },
];

function digests(dist: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (statSync(full).isFile()) {
        const rel = path.relative(dist, full).split(path.sep).join("/");
        out[rel] = tool("sha256sum", [full]).split(" ")[0]!;
      }
    }
  };
  walk(dist);
  return out;
}

describe("the fixtures' releases keep their bytes", () => {
  const go = tool("go", ["env", "GOVERSION"]).trim();
  for (const { name, fixture, args } of cases) {
    it(name, async () => {
      const file = path.join(goldenDir, `${name}.json`);
      const dir = copyFixture(fixture, { name: "project" });
      const result = await runCli(["release", "--dir", dir, ...args], {
        env: { ...process.env, TZ: "UTC", LC_ALL: "C" },
      });
      expect(result.code, result.stderr).toBe(0);
      const actual = digests(path.join(dir, "dist"));
      if (process.env.GOSHIP_UPDATE_GOLDEN) {
        writeFileSync(file, `${JSON.stringify({ go, files: actual }, null, 2)}\n`);
        return;
      }
      const golden = JSON.parse(readFileSync(file, "utf8")) as Golden;
      if (golden.go !== go) {
        // Another toolchain links other bytes; the names must still match.
        console.warn(`golden ${name}: recorded with ${golden.go}, running ${go}: comparing names only`);
        expect(Object.keys(actual)).toEqual(Object.keys(golden.files));
        return;
      }
      expect(actual).toEqual(golden.files);
    });
  }
});
