// Linux packages from a GoReleaser `nfpms` section, built by `goship release` with real `go`, then
// read, linted and installed by their real consumers: dpkg-deb, lintian, dpkg, rpm and pacman.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackage } from "../../src/nfpm/read.js";
import { runCli } from "../helpers/cli.js";
import { copyFixture } from "../helpers/fixture.js";
import { hasTool, runTool } from "../helpers/tools.js";

const packages = {
  deb: ["hello_1.2.3_amd64.deb", "hello_1.2.3_arm64.deb"],
  rpm: ["hello-1.2.3-1.x86_64.rpm", "hello-1.2.3-1.aarch64.rpm"],
  apk: ["hello_1.2.3_x86_64.apk", "hello_1.2.3_aarch64.apk"],
  archlinux: ["hello-1.2.3-1-x86_64.pkg.tar.zst", "hello-1.2.3-1-aarch64.pkg.tar.zst"],
};
const all = Object.values(packages).flat();
const env = { ...process.env, TZ: "UTC", LANG: "C", LC_ALL: "C" };
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

let parent: string;
let dist: string;
let elapsedMs = 0;

beforeAll(async () => {
  parent = mkdtempSync(path.join(os.tmpdir(), "goship-packages-"));
  const moduleDir = copyFixture("../goreleaser/packages", { parent, name: "hello" });
  dist = path.join(moduleDir, "dist");
  const started = Date.now();
  const result = await runCli(["release", "--dir", moduleDir]);
  elapsedMs = Date.now() - started;
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("goship release with nfpms", () => {
  it("writes every package under nfpm's conventional name, checksummed and recorded", () => {
    const lines = readFileSync(path.join(dist, "hello_1.2.3_checksums.txt"), "utf8");
    for (const name of all) {
      expect(existsSync(path.join(dist, name)), name).toBe(true);
      expect(lines).toContain(`${sha256(path.join(dist, name))}  ${name}\n`);
    }
    const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<
      Record<string, unknown>
    >;
    const recorded = artifacts.filter((a) => a.kind === "linux-package");
    expect(recorded.map((a) => a.name).sort()).toEqual([...all].sort());
    const sizes = Object.fromEntries(recorded.map((a) => [a.name, a.size]));
    console.info(`packages built in a ${elapsedMs} ms release:`, sizes);
  });

  it("is read back by dpkg-deb and is lintian-clean but for nfpm's Architecture-Variant field", async (ctx) => {
    if (!hasTool("dpkg-deb") || !hasTool("lintian")) return ctx.skip("dpkg-deb/lintian are not installed");
    const deb = path.join(dist, "hello_1.2.3_amd64.deb");
    const info = runTool("dpkg-deb", ["--info", deb], { env });
    expect(info.stdout).toContain(
      " Package: hello\n Version: 1.2.3\n Section: utils\n Priority: optional\n Architecture: amd64\n",
    );
    expect(info.stdout).toContain(" Depends: ca-certificates\n Recommends: curl\n");
    const contents = runTool("dpkg-deb", ["--contents", deb], { env }).stdout;
    expect(contents).toMatch(/-rwxr-xr-x root\/root +\d+ 2024-03-01 12:00 \.\/usr\/bin\/hello\n/);
    expect(contents).toMatch(/-rw-r--r-- root\/root +\d+ 2024-03-01 12:00 \.\/etc\/hello\/hello\.conf\n/);
    expect(contents).toContain("./usr/bin/hello-server -> hello");
    // Lintian's statically-linked-binary and no-manual-page are overridden in the package itself
    // (deb.lintian_overrides); Architecture-Variant is what nfpm writes for GOAMD64, kept for parity.
    const lint = runTool("lintian", ["--fail-on", "error", deb], { env });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout.trim().split("\n").filter(Boolean)).toEqual([
      "W: hello: unknown-field Architecture-Variant",
    ]);
  });

  it("installs with dpkg into a throw-away root, runs its scripts and its binary, and purges", (ctx) => {
    if (!hasTool("dpkg")) return ctx.skip("dpkg is not installed");
    const root = mkdtempSync(path.join(parent, "droot-"));
    mkdirSync(path.join(root, "var/lib/dpkg/info"), { recursive: true });
    mkdirSync(path.join(root, "var/lib/dpkg/updates"), { recursive: true });
    writeFileSync(path.join(root, "var/lib/dpkg/status"), "");
    const dpkg = (...args: string[]) =>
      runTool(
        "dpkg",
        ["--root", root, "--force-script-chrootless", "--force-not-root", "--force-depends", ...args],
        { env },
      );
    const install = dpkg("-i", path.join(dist, "hello_1.2.3_amd64.deb"));
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toContain("hello installed");
    expect(existsSync(path.join(root, "var/lib/hello"))).toBe(true);
    expect(runTool(path.join(root, "usr/bin/hello"), []).stdout).toBe("hello 1.2.3\n");
    expect(dpkg("--verify", "hello").stdout).toBe("");
    expect(readFileSync(path.join(root, "var/lib/dpkg/info/hello.conffiles"), "utf8")).toBe(
      "/etc/hello/hello.conf\n",
    );
    expect(dpkg("-P", "hello").status).toBe(0);
    expect(existsSync(path.join(root, "var/lib/hello"))).toBe(false);
    expect(existsSync(path.join(root, "usr/bin/hello"))).toBe(false);
  });

  it("passes rpm -K, reads back with rpm -qip/-qlvp and installs with rpm -i", (ctx) => {
    if (!hasTool("rpm")) return ctx.skip("rpm is not installed");
    const rpm = path.join(dist, "hello-1.2.3-1.x86_64.rpm");
    const rpmEnv = { ...env, HOME: parent };
    const check = runTool("rpm", ["-K", rpm], { env: rpmEnv });
    expect(check.stdout).toBe(`${rpm}: digests OK\n`);
    const info = runTool("rpm", ["-qip", rpm], { env: rpmEnv }).stdout;
    for (const line of [
      /Name\s+: hello/,
      /Version\s+: 1\.2\.3/,
      /Release\s+: 1/,
      /Architecture: x86_64/,
      /Group\s+: Applications\/System/,
      /License\s+: MIT/,
      /URL\s+: https:\/\/example\.com\/hello/,
      /Summary\s+: Tiny hello server/,
      /Build Host\s+: goship/,
      /Build Date\s+: Fri Mar {2}1 12:00:00 2024/,
    ]) {
      expect(info).toMatch(line);
    }
    const list = runTool("rpm", ["-qlvp", rpm], { env: rpmEnv }).stdout;
    expect(list).toMatch(/-rwxr-xr-x\s+1 root\s+root\s+\d+ Mar {2}1 {2}2024 \/usr\/bin\/hello\n/);
    expect(list).toMatch(
      /-rw-r--r--\s+1 root\s+root\s+\d+ Mar {2}1 {2}2024 \/usr\/lib\/systemd\/system\/hello\.service\n/,
    );
    expect(list).not.toContain("copyright");
    expect(runTool("rpm", ["-qp", "--requires", rpm], { env: rpmEnv }).stdout).toContain("ca-certificates\n");
    expect(runTool("rpm", ["-qp", "--recommends", rpm], { env: rpmEnv }).stdout).toBe("curl\n");
    expect(runTool("rpm", ["-qp", "--scripts", rpm], { env: rpmEnv }).stdout).toContain(
      '/var/lib/hello"\necho "hello installed"',
    );
    const root = mkdtempSync(path.join(parent, "rroot-"));
    // Scriptlets would run chrooted in a root without /bin/sh; they are checked as stored above.
    const install = runTool(
      "rpm",
      ["--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts", rpm],
      { env: rpmEnv },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(runTool(path.join(root, "usr/bin/hello"), []).stdout).toBe("hello 1.2.3\n");
    expect(
      runTool("rpm", ["--root", root, "--dbpath", "/var/lib/rpm", "-V", "--nodeps", "hello"], { env: rpmEnv })
        .status,
    ).toBe(0);
  });

  it("makes an Arch package pacman reads and installs", (ctx) => {
    if (!hasTool("pacman")) return ctx.skip("pacman is not installed");
    const pkg = path.join(dist, "hello-1.2.3-1-x86_64.pkg.tar.zst");
    expect(runTool("pacman", ["-Qip", pkg], { env }).stdout).toMatch(/Depends On\s+: ca-certificates/);
    const root = mkdtempSync(path.join(parent, "aroot-"));
    mkdirSync(path.join(root, "var/lib/pacman"), { recursive: true });
    const install = runTool(
      "pacman",
      ["-U", "--root", root, "--noconfirm", "--noscriptlet", "--nodeps", "--nodeps", pkg],
      { env },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(runTool("pacman", ["--root", root, "-Qkk", "hello"], { env }).status).toBe(0);
    expect(runTool(path.join(root, "usr/bin/hello"), []).stdout).toBe("hello 1.2.3\n");
  });

  it("makes apks whose .PKGINFO, datahash and files read back", async () => {
    const read = await readPackage("apk", readFileSync(path.join(dist, "hello_1.2.3_aarch64.apk")));
    expect(read.problems).toEqual([]);
    expect(read.fields).toMatchObject({
      pkgname: "hello",
      pkgver: "1.2.3",
      arch: "aarch64",
      depend: "ca-certificates",
    });
    expect(read.files.map((f) => f.path)).toContain("/usr/bin/hello");
  });

  it("is proved by goship verify", async () => {
    const result = await runCli(["verify", dist]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(/fail/i);
  });
});

describe("zero config and determinism", () => {
  it("gives byte-identical packages from another place, user environment and umask", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "goship-packages-b-"));
    try {
      const moduleDir = copyFixture("../goreleaser/packages", {
        parent: other,
        name: "deeper/dir with space/hello",
      });
      for (const sub of ["home", "tmp"]) mkdirSync(path.join(other, sub));
      const result = await runCli(["release", "--dir", moduleDir], {
        env: {
          ...process.env,
          HOME: path.join(other, "home"),
          TMPDIR: path.join(other, "tmp"),
          TZ: "Asia/Kolkata",
          LANG: "de_DE.UTF-8",
          LC_ALL: "de_DE.UTF-8",
        },
        umask: "077",
      });
      expect(result.code, result.stderr).toBe(0);
      for (const name of all) {
        expect(sha256(path.join(moduleDir, "dist", name)), name).toBe(sha256(path.join(dist, name)));
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("--packages deb,rpm packages every linux target of a module without nfpms", async () => {
    const moduleDir = copyFixture("api");
    const result = await runCli([
      "release",
      "--dir",
      moduleDir,
      "--targets",
      "linux/amd64",
      "--packages",
      "deb,rpm",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const names = readdirSync(path.join(moduleDir, "dist")).filter(
      (n) => n.endsWith(".deb") || n.endsWith(".rpm"),
    );
    expect(names.sort()).toEqual(["api-1.2.3-1.x86_64.rpm", "api_1.2.3_amd64.deb"]);
    const deb = await readPackage("deb", readFileSync(path.join(moduleDir, "dist", "api_1.2.3_amd64.deb")));
    expect(deb.files.filter((f) => f.type === "file").map((f) => f.path)).toEqual([
      "/usr/bin/api",
      "/usr/share/doc/api/LICENSE",
      "/usr/share/doc/api/README.md",
    ]);
    expect(deb.fields.Homepage).toMatch(/^https:\/\//);
  });
});
