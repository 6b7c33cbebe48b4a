import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ArchiveEntry } from "../formats/entry.js";
import { writeTarGz } from "../formats/gzip.js";
import { writeZip } from "../formats/zip.js";
import { MalformedArchiveError, readArchive, staysInside } from "./index.js";

const entries: ArchiveEntry[] = [
  { path: "top", kind: "dir", mode: 0o755 },
  { path: "top/app", kind: "file", mode: 0o755, data: Buffer.from("binary bytes ".repeat(100)) },
  { path: "top/README.md", kind: "file", mode: 0o644, data: Buffer.from("# readme\n") },
  { path: `top/${"n".repeat(150)}`, kind: "file", mode: 0o600, data: Buffer.from("") },
];

function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "goship-read-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("readArchive", () => {
  it("reads back goship's own tar.gz and zip, header fields included", async () => {
    for (const bytes of [
      await writeTarGz(entries, { mtime: 1709294400 }),
      await writeZip(entries, { mtime: 1709294400 }),
    ]) {
      const listing = await readArchive(bytes);
      expect(listing.entries.map((e) => e.name)).toEqual([
        "top",
        "top/README.md",
        "top/app",
        `top/${"n".repeat(150)}`,
      ]);
      const app = listing.entries.find((e) => e.name === "top/app")!;
      expect(app).toMatchObject({
        type: "file",
        mode: 0o755,
        uid: 0,
        gid: 0,
        mtime: 1709294400,
        size: 1300,
        extras: [],
      });
      expect(Buffer.from(app.data).toString()).toBe("binary bytes ".repeat(100));
      expect(listing.entries[0]).toMatchObject({ type: "dir", mode: 0o755 });
    }
  });

  it("reads what GNU tar and Info-ZIP write, owners, PAX keys and extra fields included", async () => {
    const dir = temp();
    mkdirSync(path.join(dir, "pkg"));
    writeFileSync(path.join(dir, "pkg/a.txt"), "a");
    symlinkSync("a.txt", path.join(dir, "pkg/link"));
    execFileSync(
      "tar",
      ["--format=pax", "--owner=1000", "--group=1000", "--mtime=@1700000000", "-czf", "x.tgz", "pkg"],
      { cwd: dir },
    );
    const tar = await readArchive(readFileSync(path.join(dir, "x.tgz")));
    const file = tar.entries.find((e) => e.name === "pkg/a.txt")!;
    expect(file).toMatchObject({ uid: 1000, gid: 1000, mtime: 1700000000, type: "file" });
    expect(tar.entries.find((e) => e.name === "pkg/link")).toMatchObject({
      type: "symlink",
      linkname: "a.txt",
    });
    execFileSync("zip", ["-qry", "x.zip", "pkg"], { cwd: dir });
    const zip = await readArchive(readFileSync(path.join(dir, "x.zip")));
    expect(zip.entries.find((e) => e.name === "pkg/a.txt")?.extras.length).toBeGreaterThan(0);
    expect(zip.entries.find((e) => e.name === "pkg/link")).toMatchObject({
      type: "symlink",
      linkname: "a.txt",
    });
  });

  it("fails only with MalformedArchiveError on damaged input", async () => {
    const good = [await writeTarGz(entries, { mtime: 1 }), await writeZip(entries, { mtime: 1 })];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    let cases = 0;
    for (const original of good) {
      for (let i = 0; i < 1500; i++) {
        const bytes = Buffer.from(original);
        const mutant = i % 3 === 0 ? bytes.subarray(0, random() % bytes.length) : bytes;
        for (let flips = 0; flips < 1 + (i % 4); flips++) {
          const at = random() % mutant.length;
          mutant[at] = (mutant[at] ?? 0) ^ (1 << (random() % 8));
        }
        try {
          await readArchive(mutant);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedArchiveError);
        }
        cases++;
      }
    }
    expect(cases).toBe(3000);
  });
});

describe("staysInside", () => {
  it("rejects entries and links that escape the extraction folder", () => {
    expect(staysInside("top/app")).toBe(true);
    expect(staysInside("top/../../etc/passwd")).toBe(false);
    expect(staysInside("../evil")).toBe(false);
    expect(staysInside("/etc/passwd")).toBe(false);
    expect(staysInside("C:/x")).toBe(false);
    expect(staysInside("../x", "top/link")).toBe(true);
    expect(staysInside("../../x", "top/link")).toBe(false);
  });
});
