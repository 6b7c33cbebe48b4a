import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ArchiveEntry } from "./entry.js";
import { gzip, pinGzipHeader, writeTarGz } from "./gzip.js";
import { writeTar } from "./tar.js";

const MTIME = 1_700_000_000;
const text = (value: string) => new TextEncoder().encode(value);

const ENTRIES: ArchiveEntry[] = [
  { path: "bin/app", kind: "file", mode: 0o755, data: text("\x7fELF binary") },
  { path: "README.md", kind: "file", mode: 0o644, data: text("# app\n".repeat(100)) },
];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-gzip-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a real tool and fails on a non-zero exit or on any warning it prints. */
function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, { env: { ...process.env, LC_ALL: "C" } });
  if (result.status !== 0 || result.stderr.length > 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

describe("gzip", () => {
  it("pins the header to 1f 8b 08 00, MTIME 0, XFL from the level and OS 3 (Unix)", async () => {
    const standard = await writeTarGz(ENTRIES, { mtime: MTIME });
    expect([...standard.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    const best = await writeTarGz(ENTRIES, { mtime: MTIME, level: 9 });
    expect([...best.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    const fast = await gzip(text("data"), 1);
    expect([...fast.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3]);
    expect((await gzip(text("data"), 6))[8]).toBe(0);
  });

  it("overwrites whatever MTIME, XFL and OS byte zlib wrote, keeping the member valid", async () => {
    const dir = tempDir();
    const member = await gzip(text("payload"), 9);
    member.set([0x78, 0x56, 0x34, 0x12, 0, 0x0b], 4); // an MTIME, XFL 0 and OS_CODE 11 (Windows zlib)
    expect([...pinGzipHeader(member, 9).subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    writeFileSync(join(dir, "p.gz"), member);
    expect(run("gzip", ["-dc", join(dir, "p.gz")]).toString()).toBe("payload");
  });

  it("refuses a header with flags it cannot rewrite safely", async () => {
    const member = await gzip(text("payload"));
    member[3] = 0x08; // FNAME: bytes after the header would no longer be where we write
    expect(() => pinGzipHeader(member, 9)).toThrow(/unexpected gzip header/);
  });

  it("passes gzip -t and decompresses to the tar bytes", async () => {
    const archive = join(tempDir(), "out.tar.gz");
    writeFileSync(archive, await writeTarGz(ENTRIES, { mtime: MTIME }));
    run("gzip", ["-t", archive]);
    expect(run("gzip", ["-dc", archive]).equals(writeTar(ENTRIES, { mtime: MTIME }))).toBe(true);
  });

  it("gives identical bytes for the same input twice", async () => {
    const [a, b] = await Promise.all([
      writeTarGz(ENTRIES, { mtime: MTIME }),
      writeTarGz(ENTRIES, { mtime: MTIME }),
    ]);
    expect(a.equals(b)).toBe(true);
  });
});
