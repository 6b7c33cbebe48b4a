import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hasTool, runTool } from "../../../test/helpers/tools.js";
import { conventionalFileName } from "../naming.js";
import { testPackage } from "../test-package.js";
import { writeArchlinux } from "./archlinux.js";

const work = mkdtempSync(path.join(os.tmpdir(), "goship-arch-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("writeArchlinux", () => {
  it("is byte-stable and named as nfpm names it", async () => {
    expect((await writeArchlinux(testPackage())).equals(await writeArchlinux(testPackage()))).toBe(true);
    expect(conventionalFileName("archlinux", testPackage())).toBe("hello-1.2.3-1-x86_64.pkg.tar.zst");
  });

  it("is read by pacman, installed into a throw-away root and passes pacman -Qkk", async (ctx) => {
    if (!hasTool("pacman")) return ctx.skip("pacman is not installed");
    const file = path.join(work, conventionalFileName("archlinux", testPackage()));
    writeFileSync(file, await writeArchlinux(testPackage()));
    const env = { ...process.env, TZ: "UTC", LANG: "C" };
    const info = runTool("pacman", ["-Qip", file], { env });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Name\s+: hello/);
    expect(info.stdout).toMatch(/Version\s+: 1\.2\.3-1/);
    const root = path.join(work, "root");
    mkdirSync(path.join(root, "var/lib/pacman"), { recursive: true });
    const install = runTool("pacman", ["-U", "--root", root, "--noconfirm", "--noscriptlet", file], { env });
    expect(install.status, install.stderr + install.stdout).toBe(0);
    const check = runTool("pacman", ["--root", root, "-Qkk", "hello"], { env });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    expect(check.stdout).toContain("0 altered files");
    expect(runTool("pacman", ["--root", root, "-Qii", "hello"], { env }).stdout).toMatch(
      /Backup Files\s+:\nUNMODIFIED\t.*\/etc\/hello\/hello.conf/,
    );
    expect(runTool("sh", [path.join(root, "usr/bin/hi")]).stdout).toBe("hello 1.2.3\n");
  });
});
