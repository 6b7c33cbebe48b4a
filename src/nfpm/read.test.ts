import { describe, expect, it } from "vitest";
import { writeApk } from "./apk/apk.js";
import { writeArchlinux } from "./archlinux/archlinux.js";
import { writeDeb } from "./deb/deb.js";
import type { PackageFormat } from "./naming.js";
import { readPackage } from "./read.js";
import { writeRpm } from "./rpm/rpm.js";
import { testPackage } from "./test-package.js";

const writers: Record<PackageFormat, () => Promise<Buffer>> = {
  deb: () => writeDeb(testPackage()),
  rpm: () => writeRpm(testPackage()),
  apk: () => writeApk(testPackage()),
  archlinux: () => writeArchlinux(testPackage()),
};

describe.each(Object.keys(writers) as PackageFormat[])("readPackage(%s)", (format) => {
  it("reads back the files and finds every self-digest intact", async () => {
    const read = await readPackage(format, await writers[format]());
    expect(read.problems).toEqual([]);
    const hello = read.files.find((f) => f.path === "/usr/bin/hello");
    expect(hello?.mode).toBe(0o755);
    expect(Buffer.from(hello?.data ?? []).toString()).toContain("hello 1.2.3");
    expect(read.files.find((f) => f.path === "/usr/bin/hi")?.type).toBe("symlink");
  });

  it("notices a changed byte in the payload", async () => {
    const bytes = await writers[format]();
    const read = await readPackage(format, bytes);
    expect(read.problems).toEqual([]);
    const tampered = Buffer.from(bytes);
    // The last bytes of every format are compressed payload (or its trailer): flip one.
    const at = tampered.length - 12;
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    const again = await readPackage(format, tampered).catch((error: Error) => ({
      problems: [error.message],
    }));
    expect(again.problems.length).toBeGreaterThan(0);
  });
});
