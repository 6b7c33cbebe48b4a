// Zero config on the shapes real Go CLIs have (one fixture module per shape): each is released
// once with the real toolchain, verified with `goship verify`, and its binary run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli, tool } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";

interface Released {
  readonly dir: string;
  readonly release: CliResult;
  readonly verify: CliResult;
}

let copies = 0;
const parent = mkdtempSync(path.join(os.tmpdir(), "goship-real-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Releases a fixture at `tags` (all on HEAD) for linux/amd64 plus `targets`, then verifies dist. */
async function releaseFixture(fixture: string, tags: string[], targets: string[] = []): Promise<Released> {
  const dir = copyFixture(fixture, { parent, name: `${fixture}-${++copies}`, tag: tags[0] ?? false });
  for (const tag of tags.slice(1)) git(dir, "tag", tag);
  const release = await runCli(["release", "--dir", dir, "--targets", ["linux/amd64", ...targets].join(",")]);
  const verify = await runCli(["verify", path.join(dir, "dist")]);
  return { dir, release, verify };
}

function binary(released: Released, name: string, version = "v1.2.3"): string {
  return path.join(released.dir, "dist", "bin", `${name}-${version}-linux-amd64`);
}

function expectReleasedAndVerified(released: Released): void {
  expect(released.release.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  expect(released.release.code, released.release.stderr).toBe(0);
  expect(released.verify.code, released.verify.stderr).toBe(0);
}

/** `go version -m`: the main module at the tag, never (devel). */
function moduleVersion(file: string): string {
  const line = tool("go", ["version", "-m", file])
    .split("\n")
    .find((l) => l.trim().startsWith("mod\t"));
  return line?.trim().split("\t")[2] ?? "";
}

describe("zero config on the shapes of real Go CLIs", () => {
  const fixtures: Record<string, Released> = {};

  beforeAll(async () => {
    fixtures.textPaths = await releaseFixture("real-text-paths", ["v1.2.3"]);
    fixtures.flagVersion = await releaseFixture("real-flag-version", ["v1.2.3"]);
    fixtures.versionNames = await releaseFixture("real-version-names", ["v1.2.3"]);
    fixtures.devMains = await releaseFixture("real-dev-mains", ["v1.2.3"]);
    fixtures.twoTags = await releaseFixture("real-only-version", ["v1.2.2", "v1.2.3", "v1.2.3-rc.1"]);
    fixtures.libcSystem = await releaseFixture("real-text-paths", ["v1.2.3"], ["openbsd/amd64"]);
  });

  it("does not take paths in help text or an embedded man page for leaks (1)", () => {
    const released = fixtures.textPaths!;
    expectReleasedAndVerified(released);
    const file = binary(released, "fetcher");
    expect(readFileSync(file).includes("/tmp/app.sock")).toBe(true);
    expect(tool(file, ["-version"]).trim()).toBe("fetcher v1.2.3");
    expect(moduleVersion(file)).toBe("v1.2.3");
  });

  it("never passes -X to a version flag; the version shows through build info (2, 7)", () => {
    const released = fixtures.flagVersion!;
    expectReleasedAndVerified(released);
    expect(released.release.stderr).toMatch(/not stamped: -X main\.version .*flag\.Bool/);
    expect(released.release.stderr).not.toMatch(/⚠ -X/);
    const file = binary(released, "flagver");
    expect(tool(file, ["-version"]).trim()).toBe("flagver v1.2.3");
    expect(moduleVersion(file)).toBe("v1.2.3");
  });

  it("stamps version variables under the names real CLIs use, and says which (3)", () => {
    const released = fixtures.versionNames!;
    expectReleasedAndVerified(released);
    expect(released.release.stderr).toContain(
      "stamps  variables=example.com/gron/internal/version.Version, main.gronVersion, example.com/gron/internal/buildinfo.Commit, main.revision",
    );
    const sha = git(released.dir, "rev-parse", "HEAD");
    expect(tool(binary(released, "gron"), ["-version"]).trim()).toBe(
      `gron v1.2.3 (${sha}) lib v1.2.3 commit ${sha}`,
    );
  });

  it("ships cmd/* and leaves generators, tools, hacks, internal and example mains out, saying so (4)", () => {
    const released = fixtures.devMains!;
    expectReleasedAndVerified(released);
    expect(released.release.stderr).toMatch(
      /main packages left out.*packages=\.\/examples\/demo,\.\/hack\/bump,\.\/internal\/fake,\.\/scripts\/generate-docs,\.\/tools\/lint/,
    );
    const listing = tool("tar", [
      "-tzf",
      path.join(released.dir, "dist", "shipit-v1.2.3-linux-amd64.tar.gz"),
    ]);
    expect(listing.trim().split("\n").sort()).toEqual([
      "shipit-v1.2.3-linux-amd64/",
      "shipit-v1.2.3-linux-amd64/shipit",
    ]);
    const sha = git(released.dir, "rev-parse", "HEAD");
    expect(tool(binary(released, "shipit"), []).trim()).toBe(`shipit v1.2.3 ${sha}`);
  });

  it("takes the highest version among the tags on HEAD, and stamps only what lands (5)", () => {
    const released = fixtures.twoTags!;
    expectReleasedAndVerified(released);
    expect(released.release.stderr).toContain("version=v1.2.3 ");
    expect(released.release.stderr).not.toMatch(/⚠ .*(-X|stamps)/);
    const file = binary(released, "onlyversion");
    expect(tool(file, ["--version"]).trim()).toBe("onlyversion v1.2.3");
    expect(moduleVersion(file)).toBe("v1.2.3");
  });

  it("judges an OpenBSD binary by what Go links there, not as a static one (6)", () => {
    const released = fixtures.libcSystem!;
    expectReleasedAndVerified(released);
    const openbsd = binary(released, "fetcher").replace("linux-amd64", "openbsd-amd64");
    expect(tool("file", [openbsd])).toContain("dynamically linked");
  });
});
