// The -X check on stamps a goship.yaml names: before building, goship names every stamp the linker
// would silently ignore, and leaves it out of what verification expects, so `release` and
// `goship verify` agree; a value overwritten at run time is caught by `verify --smoke`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { copyFixture, git } from "../helpers/fixture.js";

/** The api fixture with its source edited, committed and tagged again. */
function fixtureWith(edit: (source: string) => string): string {
  const dir = copyFixture("api");
  const main = path.join(dir, "cmd/api/main.go");
  writeFileSync(main, edit(readFileSync(main, "utf8")));
  // Named stamps are checked and warned about; zero config would only pick variables that land.
  writeFileSync(
    path.join(dir, "goship.yaml"),
    'builds:\n  - stamps:\n      main.version: "{{ .Version }}"\n      main.commit: "{{ .FullCommit }}"\n      main.date: "{{ .CommitDate }}"\n',
  );
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "stamps");
  git(dir, "tag", "-f", "v1.2.3");
  return dir;
}

const declaration = "var version, commit, date string";
const missingAfterBuild = /stamps — not found/;

describe("-X stamps", () => {
  it("warns about a mistyped variable, and neither release nor verify expects that stamp", async () => {
    const dir = fixtureWith((s) =>
      s
        .replace(declaration, "var verison, commit, date string")
        .replace("version, commit, date)", "verison, commit, date)"),
    );
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /⚠ -X main\.version will do nothing: example\.com\/api\/cmd\/api has no package-level variable "version"/,
    );
    expect(result.stderr).not.toMatch(missingAfterBuild);
    const verify = await runCli(["verify", path.join(dir, "dist")]);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it("warns about a constant, and release and verify agree", async () => {
    const dir = fixtureWith((s) => s.replace(declaration, 'const version = "dev"\nvar commit, date string'));
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /⚠ -X main\.version will do nothing: "version" in example\.com\/api\/cmd\/api is a constant/,
    );
    expect(result.stderr).not.toMatch(missingAfterBuild);
    expect((await runCli(["verify", path.join(dir, "dist")])).code).toBe(0);
  });

  it("warns about a var v = f(), and verify --smoke shows the value never reaches the program", async () => {
    const dir = fixtureWith((s) =>
      s.replace(declaration, 'var version = os.Getenv("API_VERSION")\nvar commit, date string'),
    );
    const result = await runCli(["release", "--dir", dir, "--targets", "linux/amd64"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /⚠ -X main\.version will do nothing: "version" .* is initialised with `os\.Getenv\("API_VERSION"\)`, not a constant/,
    );
    const smoke = await runCli(["verify", path.join(dir, "dist"), "--smoke"]);
    expect(smoke.code).toBe(1);
    expect(smoke.stderr).toMatch(
      /bin\/api-v1\.2\.3-linux-amd64: smoke — ran natively: exit 0, version v1\.2\.3 not printed/,
    );
  });

  it("is silent when every stamp has a string variable", async () => {
    const dir = copyFixture("api");
    const result = await runCli(["build", "--dir", dir, "--single-target"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/-X .* will do nothing/);
  });
});
