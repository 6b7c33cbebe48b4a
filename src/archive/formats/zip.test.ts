import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ArchiveEntry } from "./entry.js";
import { dosDateTime, writeZip } from "./zip.js";

const MTIME = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const text = (value: string) => new TextEncoder().encode(value);

const ENTRIES: ArchiveEntry[] = [
  { path: "README.md", kind: "file", mode: 0o644, data: text("# app\n".repeat(50)) },
  { path: "app.exe", kind: "file", mode: 0o755, data: text("MZ binary") },
  { path: "docs", kind: "dir", mode: 0o755 },
  { path: "docs/café.txt", kind: "file", mode: 0o644, data: text("crème\n") },
];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-zip-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a real tool and fails on a non-zero exit or on any warning it prints. */
function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC", LC_ALL: "C" },
  });
  if (result.status !== 0 || result.stderr !== "") {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

async function writeArchive(entries: readonly ArchiveEntry[]): Promise<{ dir: string; archive: string }> {
  const dir = tempDir();
  const archive = join(dir, "out.zip");
  writeFileSync(archive, await writeZip(entries, { mtime: MTIME }));
  return { dir, archive };
}

interface RawEntry {
  flags: number;
  method: number;
  name: string;
  localExtra: number;
  centralExtra: number;
  madeBy: number;
  externalAttrs: number;
}

/** Walks the central directory and each local header, to check fields no tool prints plainly. */
function readRaw(zip: Buffer): { entries: RawEntry[]; commentLength: number } {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    entries.push({
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      localExtra: zip.readUInt16LE(local + 28),
      centralExtra: zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32),
      madeBy: zip.readUInt16LE(at + 4),
      externalAttrs: zip.readUInt32LE(at + 38),
    });
    at += 46 + nameLength;
  }
  return { entries, commentLength: zip.readUInt16LE(end + 20) };
}

describe("dosDateTime", () => {
  it("encodes known UTC instants", () => {
    // 2023-11-14 22:13:20 UTC
    expect(dosDateTime(MTIME)).toEqual({
      date: (43 << 9) | (11 << 5) | 14,
      time: (22 << 11) | (13 << 5) | 10,
    });
    // Odd seconds round down: DOS stores seconds / 2.
    expect(dosDateTime(MTIME + 1)).toEqual(dosDateTime(MTIME));
    // 2000-02-29 00:00:00 UTC, a leap day.
    expect(dosDateTime(951_782_400)).toEqual({ date: (20 << 9) | (2 << 5) | 29, time: 0 });
  });

  it("clamps to 1980-01-01 and 2107-12-31 23:59:58", () => {
    const first = { date: (1 << 5) | 1, time: 0 };
    expect(dosDateTime(0)).toEqual(first);
    expect(dosDateTime(315_532_799)).toEqual(first);
    const last = { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
    expect(dosDateTime(Date.UTC(2200, 0, 1) / 1000)).toEqual(last);
  });

  it("ignores the local time zone", () => {
    const saved = process.env.TZ;
    onTestFinished(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14: the local date is already 2023-11-15
    expect(new Date(MTIME * 1000).getDate()).toBe(15);
    const kiritimati = dosDateTime(MTIME);
    process.env.TZ = "America/Los_Angeles";
    expect(dosDateTime(MTIME)).toEqual(kiritimati);
    expect(kiritimati.date & 31).toBe(14);
  });
});

describe("writeZip read back by Info-ZIP", () => {
  it("passes unzip -t", async () => {
    const { archive } = await writeArchive(ENTRIES);
    expect(run("unzip", ["-t", archive])).toMatch(/No errors detected/);
  });

  it("shows Unix modes, no extra fields, the UTC date and no comment in zipinfo -v", async () => {
    const { archive } = await writeArchive(ENTRIES);
    const info = run("zipinfo", ["-v", archive]);
    const sections = info.split(/Central directory entry #\d+:/).slice(1);
    expect(sections).toHaveLength(4);
    const expected = ["-rw-r--r--", "-rwxr-xr-x", "drwxr-xr-x", "-rw-r--r--"];
    for (const [i, section] of sections.entries()) {
      expect(section).toMatch(/operating system of origin:\s+Unix\n/);
      expect(section).toMatch(/file last modified on \(DOS date\/time\):\s+2023 Nov 14 22:13:20\n/);
      expect(section).toMatch(/length of extra field:\s+0 bytes\n/);
      expect(section).toMatch(/extended local header:\s+no\n/);
      expect(section).toMatch(new RegExp(`Unix file attributes \\(\\d+ octal\\):\\s+${expected[i]}\\n`));
    }
    expect(sections[1]).toMatch(/Unix file attributes \(100755 octal\)/);
    expect(sections[2]).toMatch(/MS-DOS file attributes \(10 hex\):\s+dir/);
    expect(info).toMatch(/There is no zipfile comment\./);
    expect(info).not.toMatch(/extra field contains|UT extra field|subfield/);
  });

  it("extracts to the same contents and modes", async () => {
    const { dir, archive } = await writeArchive(ENTRIES);
    const out = join(dir, "out");
    run("unzip", ["-q", archive, "-d", out]);
    for (const entry of ENTRIES) {
      const stat = statSync(join(out, entry.path));
      expect(stat.isDirectory(), entry.path).toBe(entry.kind === "dir");
      expect(stat.mode & 0o777, entry.path).toBe(entry.mode);
      if (entry.kind === "file") {
        expect(new Uint8Array(readFileSync(join(out, entry.path))), entry.path).toEqual(entry.data);
      }
    }
  });
});

describe("writeZip bytes", () => {
  it("writes no extra fields, no data descriptors, Unix attributes and an empty comment", async () => {
    const raw = readRaw(await writeZip(ENTRIES, { mtime: MTIME }));
    expect(raw.commentLength).toBe(0);
    expect(raw.entries.map((entry) => entry.name)).toEqual([
      "README.md",
      "app.exe",
      "docs/",
      "docs/café.txt",
    ]);
    for (const entry of raw.entries) {
      expect(entry.localExtra, entry.name).toBe(0);
      expect(entry.centralExtra, entry.name).toBe(0);
      expect(entry.flags & 0x8, entry.name).toBe(0);
      expect(entry.madeBy, entry.name).toBe((3 << 8) | 20);
    }
    expect(raw.entries[1]?.externalAttrs).toBe(0o100755 * 0x10000);
    expect(raw.entries[2]?.externalAttrs).toBe(0o040755 * 0x10000 + 0x10);
  });

  it("sets the UTF-8 flag exactly for non-ASCII names", async () => {
    const raw = readRaw(await writeZip(ENTRIES, { mtime: MTIME }));
    expect(raw.entries.map((entry) => entry.flags & 0x800)).toEqual([0, 0, 0, 0x800]);
  });

  it("deflates compressible files and stores the rest", async () => {
    const noise = new Uint8Array(randomBytes(4096));
    const zip = await writeZip(
      [
        { path: "text", kind: "file", mode: 0o644, data: text("a".repeat(4096)) },
        { path: "noise", kind: "file", mode: 0o644, data: noise },
        { path: "nothing", kind: "file", mode: 0o644, data: new Uint8Array(0) },
      ],
      { mtime: MTIME },
    );
    expect(readRaw(zip).entries.map((entry) => [entry.name, entry.method])).toEqual([
      ["noise", 0],
      ["nothing", 0],
      ["text", 8],
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, "m.zip"), zip);
    run("unzip", ["-q", join(dir, "m.zip"), "-d", dir]);
    expect(new Uint8Array(readFileSync(join(dir, "noise")))).toEqual(noise);
    expect(readFileSync(join(dir, "text"), "utf8")).toBe("a".repeat(4096));
  });

  it("gives identical bytes for the same entries in any order", async () => {
    const first = await writeZip(ENTRIES, { mtime: MTIME });
    expect((await writeZip(ENTRIES, { mtime: MTIME })).equals(first)).toBe(true);
    expect((await writeZip([...ENTRIES].reverse(), { mtime: MTIME })).equals(first)).toBe(true);
    expect((await writeZip(ENTRIES, { mtime: MTIME + 2 })).equals(first)).toBe(false);
  });

  it("gives identical bytes whatever the local time zone", async () => {
    const saved = process.env.TZ;
    onTestFinished(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    process.env.TZ = "Pacific/Kiritimati";
    const kiritimati = await writeZip(ENTRIES, { mtime: MTIME });
    process.env.TZ = "UTC";
    expect((await writeZip(ENTRIES, { mtime: MTIME })).equals(kiritimati)).toBe(true);
  });

  it("rejects unsafe paths", async () => {
    await expect(writeZip([{ path: "/etc/x", kind: "dir", mode: 0o755 }], { mtime: 0 })).rejects.toThrow(
      /unsafe archive path/,
    );
  });
});
