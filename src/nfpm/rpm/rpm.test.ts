import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hasTool, runTool } from "../../../test/helpers/tools.js";
import { testPackage } from "../test-package.js";
import { parseRelation } from "./relations.js";
import { writeRpm } from "./rpm.js";

const work = mkdtempSync(path.join(os.tmpdir(), "goship-rpm-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, TZ: "UTC", LANG: "C", HOME: work };

describe("parseRelation", () => {
  it("reads plain names, operators with and without parentheses", () => {
    expect(parseRelation("bash")).toEqual({ name: "bash", flags: 0, version: "" });
    expect(parseRelation("libc6 >= 2.31")).toEqual({ name: "libc6", flags: 12, version: "2.31" });
    expect(parseRelation("foo (<< 2)")).toEqual({ name: "foo", flags: 2, version: "2" });
  });
});

describe("writeRpm", () => {
  it("is byte-stable", async () => {
    expect((await writeRpm(testPackage())).equals(await writeRpm(testPackage()))).toBe(true);
  });

  it.for(["gzip", "zstd"] as const)(
    "passes rpm -K, reads back with rpm -qip/-qlvp and installs (%s)",
    async (compression, ctx) => {
      if (!hasTool("rpm")) return ctx.skip("rpm is not installed");
      const base = testPackage();
      const file = path.join(work, `hello-${compression}.rpm`);
      writeFileSync(
        file,
        await writeRpm({ ...base, depends: ["bash >= 4"], rpm: { ...base.rpm, compression } }),
      );
      const check = runTool("rpm", ["-K", file], { env });
      expect(check.status, check.stderr + check.stdout).toBe(0);
      expect(check.stdout).toContain("digests OK");
      const info = runTool("rpm", ["-qip", file], { env });
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout).toMatch(/Name\s+: hello/);
      expect(info.stdout).toMatch(/Version\s+: 1\.2\.3/);
      expect(info.stdout).toMatch(/Architecture: x86_64/);
      expect(info.stdout).toMatch(/Build Host\s+: goship/);
      const list = runTool("rpm", ["-qlvp", file], { env });
      expect(list.stdout).toMatch(/-rwxr-xr-x\s+1 root\s+root\s+\d+ Mar {2}1 {2}2024 \/usr\/bin\/hello/);
      expect(list.stdout).toContain("/usr/bin/hi -> hello");
      const configs = runTool("rpm", ["-qcp", file], { env });
      expect(configs.stdout).toBe("/etc/hello/hello.conf\n");
      const requires = runTool("rpm", ["-qp", "--requires", file], { env });
      expect(requires.stdout).toContain("bash >= 4");
      expect(runTool("rpm", ["-qp", "--scripts", file], { env }).stdout).toContain("echo installed");
      const root = path.join(work, `root-${compression}`);
      mkdirSync(root);
      const install = runTool(
        "rpm",
        ["--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts", file],
        { env },
      );
      expect(install.status, install.stderr).toBe(0);
      // rpm runs scriptlets inside the root, which has no /bin/sh: they are checked as stored instead.
      expect(install.stderr).not.toContain("error:");
      const verify = runTool("rpm", ["--root", root, "--dbpath", "/var/lib/rpm", "-V", "--nodeps", "hello"], {
        env,
      });
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      expect(runTool("sh", [path.join(root, "usr/bin/hi")]).stdout).toBe("hello 1.2.3\n");
    },
  );
});
