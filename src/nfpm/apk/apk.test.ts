import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hasTool, runTool } from "../../../test/helpers/tools.js";
import { testPackage } from "../test-package.js";
import { writeApk } from "./apk.js";
import { readGzipMembers } from "./read-gzip-members.js";

const work = mkdtempSync(path.join(os.tmpdir(), "goship-apk-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signing = { key: privateKey, name: "jane@example.com.rsa.pub" };

describe("writeApk", () => {
  it("is three gzip members whose .PKGINFO names the data member's sha256, byte-stable", async () => {
    const apk = await writeApk(testPackage(), signing);
    expect((await writeApk(testPackage(), signing)).equals(apk)).toBe(true);
    const [sig, control, data] = readGzipMembers(apk);
    expect(sig?.data.toString("latin1", 0, 40)).toContain(".SIGN.RSA.jane@example.com.rsa.pub");
    const pkginfo = control?.data.toString("utf8") ?? "";
    expect(pkginfo).toContain("pkgname = hello\npkgver = 1.2.3\narch = x86_64\n");
    expect(pkginfo).toContain(
      `datahash = ${createHash("sha256")
        .update(data?.compressed ?? "")
        .digest("hex")}`,
    );
  });

  it("is listed whole by GNU tar and its signature verifies with openssl", async (ctx) => {
    if (!hasTool("tar") || !hasTool("openssl")) return ctx.skip("tar/openssl are not installed");
    const file = path.join(work, "hello_1.2.3_x86_64.apk");
    const apk = await writeApk(testPackage(), signing);
    writeFileSync(file, apk);
    const list = runTool("tar", ["-tvzf", file], { env: { ...process.env, TZ: "UTC" } });
    expect(list.status, list.stderr).toBe(0);
    const names = list.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/).slice(5).join(" "));
    expect(names).toEqual([
      ".SIGN.RSA.jane@example.com.rsa.pub",
      ".PKGINFO",
      ".post-install",
      "etc/",
      "etc/hello/",
      "etc/hello/hello.conf",
      "usr/",
      "usr/bin/",
      "usr/bin/hello",
      "usr/bin/hi -> hello",
      "usr/lib/",
      "usr/lib/systemd/",
      "usr/lib/systemd/system/",
      "usr/lib/systemd/system/hello.service",
    ]);
    const [sig, control] = readGzipMembers(apk);
    const signature = sig?.data.subarray(512, 512 + 256) ?? Buffer.alloc(0);
    writeFileSync(path.join(work, "sig"), signature);
    writeFileSync(path.join(work, "control.gz"), control?.compressed ?? "");
    writeFileSync(path.join(work, "key.pub"), publicKey.export({ type: "spki", format: "pem" }));
    const verify = runTool(
      "openssl",
      ["dgst", "-sha1", "-verify", "key.pub", "-signature", "sig", "control.gz"],
      { cwd: work },
    );
    expect(verify.stdout.trim()).toBe("Verified OK");
  });
});
