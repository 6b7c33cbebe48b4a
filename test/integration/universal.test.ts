// universal_binaries end to end: real darwin builds joined into one fat Mach-O, archived as
// darwin/all, read back by `file`, by `goship verify` (every slice) and by goship's inspector.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "../../src/archive/read/index.js";
import { readUniversalBinary } from "../../src/universal/fat.js";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";

describe("universal_binaries", () => {
  let parent: string;
  let dist: string;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-universal-"));
    const dir = copyFixture("repro-clean", { parent });
    const config = [
      "targets: [linux/amd64, darwin/amd64, darwin/arm64]",
      "universal_binaries:",
      "  - id: tool",
      "    ids: [repro]",
      "    name_template: '{{ .ProjectName }}'",
      "    replace: true",
    ].join("\n");
    writeFileSync(path.join(dir, "goship.yaml"), `${config}\n`);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "universal");
    git(dir, "tag", "-f", "v1.2.3");
    dist = path.join(dir, "dist");
    const result = await runCli(["release", "--dir", dir]);
    expect(result.code, result.stderr).toBe(0);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("releases one darwin/all archive with the fat binary instead of the thin ones", async () => {
    const records = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<{
      kind: string;
      name: string;
      path: string;
      target?: string;
    }>;
    const archives = records.filter((r) => r.kind === "archive").map((r) => r.name);
    expect(archives).toEqual(["repro-v1.2.3-darwin-all.tar.gz", "repro-v1.2.3-linux-amd64.tar.gz"]);
    expect(records.some((r) => r.kind === "binary" && r.target?.startsWith("darwin/"))).toBe(false);
    const fat = records.find((r) => r.kind === "universal-binary")!;
    expect(fat.target).toBe("darwin/all");
    expect(tool("file", [path.join(dist, fat.path)])).toContain("universal binary with 2 architectures");
    const listing = await readArchive(readFileSync(path.join(dist, "repro-v1.2.3-darwin-all.tar.gz")));
    const inside = listing.entries.find((e) => e.name.endsWith("/repro"))!;
    expect(readUniversalBinary(inside.data)?.length).toBe(2);
    expect(readFileSync(path.join(dist, "checksums.txt"), "utf8")).toContain("darwin-all.tar.gz");
  });

  it("verifies every slice, in dist and inside the archive", async () => {
    const result = await runCli(["verify", dist]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("[amd64]");
    expect(result.stderr).toContain("[arm64]");
    expect(result.stderr).toContain(":repro-v1.2.3-darwin-all/repro[arm64]");
  });
});
