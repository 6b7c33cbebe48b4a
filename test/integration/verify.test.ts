// `goship verify` passes a fresh release and fails — naming the artifact and the check — when the
// release is not what it claims; `goship inspect` reads it all with no Go toolchain.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture, tempDir } from "../helpers/fixture.js";

const archive = "api-v1.2.3-linux-amd64.tar.gz";
const top = "api-v1.2.3-linux-amd64";
let parent: string;
let moduleDir: string;
let pristine: string;

beforeAll(async () => {
  parent = mkdtempSync(path.join(os.tmpdir(), "goship-verify-"));
  moduleDir = copyFixture("api", { parent });
  const result = await runCli([
    "release",
    "--dir",
    moduleDir,
    "--targets",
    "linux/amd64,windows/amd64,darwin/arm64",
  ]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toMatch(/verified/);
  pristine = path.join(moduleDir, "dist");
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** A copy of the release to tamper with. */
function copyOfDist(): string {
  const dist = path.join(tempDir("goship-tamper-"), "dist");
  cpSync(pristine, dist, { recursive: true });
  return dist;
}

function sha256(file: string): string {
  return tool("sha256sum", [file]).split(" ")[0]!;
}

/** Recomputes every checksum of `name` (its .sha256, checksums.txt, artifacts.json) to match. */
function resign(dist: string, name: string): void {
  const file = path.join(dist, name);
  const hex = sha256(file);
  writeFileSync(`${file}.sha256`, `${hex}  ${name}\n`);
  const sums = readFileSync(path.join(dist, "checksums.txt"), "utf8").replace(
    new RegExp(`^[0-9a-f]{64}  ${name.replaceAll(".", "\\.")}$`, "m"),
    `${hex}  ${name}`,
  );
  writeFileSync(path.join(dist, "checksums.txt"), sums);
  const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<
    Record<string, unknown>
  >;
  for (const a of artifacts) {
    if (a.name === name) Object.assign(a, { sha256: hex, size: readFileSync(file).length });
    if (a.name === "checksums.txt")
      Object.assign(a, { sha256: sha256(path.join(dist, "checksums.txt")), size: sums.length });
    if (a.name === `${name}.sha256`) Object.assign(a, { sha256: sha256(`${file}.sha256`) });
  }
  writeFileSync(path.join(dist, "artifacts.json"), JSON.stringify(artifacts, null, 2));
}

/** Re-packs the linux archive from a folder, as a third party might, with real tar. */
function repack(dist: string, folder: string, extra: string[] = []): void {
  execFileSync("tar", [
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "-P",
    ...extra,
    "-czf",
    path.join(dist, archive),
    "-C",
    folder,
    top,
    ...(extra.length ? ["evil"] : []),
  ]);
}

function extract(dist: string): string {
  const out = tempDir("goship-extract-");
  tool("tar", ["-xzf", path.join(dist, archive), "-C", out]);
  return out;
}

describe("goship verify", () => {
  it("passes a fresh release, with a JSON report", async () => {
    const result = await runCli(["verify", pristine, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      artifacts: Array<{ name: string; checks: Array<{ check: string; status: string }> }>;
    };
    expect(report.ok).toBe(true);
    const binary = report.artifacts.find((a) => a.name === `${archive}:${top}/api`)!;
    expect(binary.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining([
        "target",
        "static",
        "stripped",
        "no build ID",
        "trimpath",
        "cgo off",
        "vcs clean",
        "stamps",
        "go version",
      ]),
    );
  });

  it("fails when a byte of an archive changes", async () => {
    const dist = copyOfDist();
    const file = path.join(dist, archive);
    const bytes = readFileSync(file);
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const result = await runCli(["verify", dist]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${archive}: digest`);
    expect(result.stderr).toContain(`${archive}.sha256: checksums — mismatch: ${archive}`);
    expect(result.stderr).toContain(`checksums.txt: checksums — mismatch: ${archive}`);
  });

  it("fails when a .sha256 file is wrong", async () => {
    const dist = copyOfDist();
    writeFileSync(path.join(dist, `${archive}.sha256`), `${"0".repeat(64)}  ${archive}\n`);
    const result = await runCli(["verify", dist]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${archive}.sha256: checksums — mismatch: ${archive}`);
  });

  it("fails when the binary in an archive is replaced by a dynamically linked, unstamped one", async () => {
    const dist = copyOfDist();
    const folder = extract(dist);
    // A plain `go build` with cgo: net and os/user make it link libc dynamically; no -X stamps.
    execFileSync("go", ["build", "-o", path.join(folder, top, "api"), "./cmd/api"], {
      cwd: moduleDir,
      env: { ...process.env, CGO_ENABLED: "1", GOFLAGS: "-buildvcs=false" },
    });
    expect(tool("file", [path.join(folder, top, "api")])).toContain("dynamically linked");
    repack(dist, folder);
    resign(dist, archive);
    const result = await runCli(["verify", dist]);
    expect(result.code).toBe(1);
    const binary = `${archive}:${top}/api`;
    expect(result.stderr).toContain(`${binary}: static — dynamically linked`);
    expect(result.stderr).toMatch(
      new RegExp(`${binary.replaceAll(".", "\\.")}: stamps — not found: main\\.version=v1\\.2\\.3`),
    );
    expect(result.stderr).toContain(`${binary}: trimpath`);
    expect(result.stderr).not.toContain(`${archive}: digest`);
  });

  it("fails when an archive holds an entry ../evil", async () => {
    const dist = copyOfDist();
    const folder = extract(dist);
    writeFileSync(path.join(folder, "evil"), "escape\n");
    repack(dist, folder, ["--transform", "s,^evil$,../evil,"]);
    expect(tool("tar", ["-tzf", path.join(dist, archive), "-P"])).toContain("../evil");
    resign(dist, archive);
    const result = await runCli(["verify", dist]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${archive}: safe paths — ../evil`);
  });

  it("says what to do when pointed at something that is not a release", async () => {
    const result = await runCli(["verify", tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no metadata\.json in the directory; point verify at the dist directory/);
  });

  it("smoke-runs the host binary and reports the others as not run", async () => {
    const result = await runCli(["verify", pristine, "--smoke", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      artifacts: Array<{ name: string; checks: Array<{ check: string; status: string; detail: string }> }>;
    };
    const smoke = (name: string) =>
      report.artifacts.find((a) => a.name === name)?.checks.find((c) => c.check === "smoke");
    expect(smoke("bin/api-v1.2.3-linux-amd64")).toMatchObject({ status: "pass", detail: "ran natively" });
    expect(smoke("bin/api-v1.2.3-windows-amd64.exe")).toMatchObject({ status: "skip" });
  });
});

describe("goship inspect", () => {
  it("equals go version -m, and works with no go on PATH", async () => {
    const bin = path.join(pristine, "bin");
    const expected = tool("go", ["version", "-m", bin]);
    const noGo = tempDir("goship-nogo-");
    mkdirSync(path.join(noGo, "bin"));
    const result = await runCli(["inspect", "-m", bin], {
      env: { ...process.env, PATH: path.join(noGo, "bin") },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(expected);
  });

  it("reads binaries inside archives without extracting them", async () => {
    const result = await runCli([
      "inspect",
      "--json",
      path.join(pristine, archive),
      path.join(pristine, "api-v1.2.3-windows-amd64.zip"),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      binaries: Array<{ entry: string; target: { goos: string }; stamps: Array<{ found: boolean }> }>;
    };
    expect(json.binaries.map((b) => [b.entry, b.target.goos])).toEqual([
      [`${top}/api`, "linux"],
      ["api-v1.2.3-windows-amd64/api.exe", "windows"],
    ]);
    expect(json.binaries.every((b) => b.stamps.length === 3 && b.stamps.every((s) => s.found))).toBe(true);
  });

  it("prints one line for a file that is not a Go binary", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "notes.txt"), "text");
    const result = await runCli(["inspect", path.join(dir, "notes.txt")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notes\.txt: not a Go executable|notes\.txt: .*not/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
