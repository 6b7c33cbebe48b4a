import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hasTool, runTool } from "../../../test/helpers/tools.js";
import { testPackage } from "../test-package.js";
import { readAr } from "./ar.js";
import { debControl, debDescription } from "./control.js";
import { writeDeb } from "./deb.js";

const work = mkdtempSync(path.join(os.tmpdir(), "goship-deb-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("control", () => {
  it("writes nfpm's field order with the synopsis and an indented description", () => {
    const text = debControl(testPackage(), 2048);
    expect(text).toBe(
      [
        "Package: hello",
        "Version: 1.2.3",
        "Section: utils",
        "Priority: optional",
        "Architecture: amd64",
        "Architecture-Variant: amd64v1",
        "Maintainer: Jane Doe <jane@example.com>",
        "Installed-Size: 2",
        "Homepage: https://example.com/hello",
        "Description: Tiny hello tool",
        " A tiny static Go program used to exercise packaging tests.",
        "",
      ].join("\n"),
    );
  });

  it("marks blank description lines with a dot", () => {
    expect(debDescription("a\n\nb\n")).toBe("a\n .\n b");
  });
});

describe("writeDeb", () => {
  it("orders the ar members as dpkg requires and is byte-stable", async () => {
    const first = await writeDeb(testPackage());
    expect(readAr(first).map((member) => member.name)).toEqual([
      "debian-binary",
      "control.tar.gz",
      "data.tar.gz",
    ]);
    expect((await writeDeb(testPackage())).equals(first)).toBe(true);
  });

  it("is read back by dpkg-deb and installed by dpkg into a throw-away root", async (ctx) => {
    if (!hasTool("dpkg-deb") || !hasTool("dpkg")) return ctx.skip("dpkg-deb/dpkg are not installed");
    const deb = path.join(work, "hello_1.2.3_amd64.deb");
    writeFileSync(deb, await writeDeb(testPackage()));
    const info = runTool("dpkg-deb", ["--info", deb]);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toContain("Package: hello");
    const contents = runTool("dpkg-deb", ["--contents", deb], { env: { ...process.env, TZ: "UTC" } });
    expect(contents.stdout).toMatch(/-rwxr-xr-x root\/root\s+\d+ 2024-03-01 12:00 \.\/usr\/bin\/hello/);
    expect(contents.stdout).toContain("./usr/bin/hi -> hello");
    const root = path.join(work, "root");
    mkdirSync(path.join(root, "var/lib/dpkg/info"), { recursive: true });
    mkdirSync(path.join(root, "var/lib/dpkg/updates"), { recursive: true });
    writeFileSync(path.join(root, "var/lib/dpkg/status"), "");
    const install = runTool(
      "dpkg",
      ["--root", root, "--force-script-chrootless", "--force-not-root", "-i", deb],
      {
        env: { ...process.env, TZ: "UTC" },
      },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toContain("installed");
    const verify = runTool("dpkg", ["--root", root, "--verify", "hello"]);
    expect(verify.stdout).toBe("");
    expect(runTool("sh", [path.join(root, "usr/bin/hi")]).stdout).toBe("hello 1.2.3\n");
  });
});
