import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ArchiveEntry } from "./entry.js";
import { writeTarGz } from "./gzip.js";
import { splitUstarName, writeTar } from "./tar.js";

const MTIME = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const text = (value: string) => new TextEncoder().encode(value);

const ENTRIES: ArchiveEntry[] = [
  { path: "README.md", kind: "file", mode: 0o644, data: text("# app\n") },
  // File-type bits in the input must not reach the header.
  { path: "bin/app", kind: "file", mode: 0o100755, data: text("\x7fELF binary") },
  { path: "bin", kind: "dir", mode: 0o755 },
  { path: "LICENSE", kind: "file", mode: 0o644, data: text("MIT\n") },
  { path: "empty", kind: "file", mode: 0o600, data: new Uint8Array(0) },
];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-tar-"));
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
  const archive = join(dir, "out.tar.gz");
  writeFileSync(archive, await writeTarGz(entries, { mtime: MTIME }));
  return { dir, archive };
}

/** `tar -tv` lines as [mode, owner, size, date time, name], whitespace-independent. */
function listVerbose(archive: string): string[][] {
  const out = run("tar", ["-tvzf", archive, "--numeric-owner", "--full-time"]);
  return out
    .trimEnd()
    .split("\n")
    .map((line) => {
      const match = /^(\S+) (\S+)\s+(\d+) (\S+ \S+) (.*)$/.exec(line);
      if (match === null) throw new Error(`unexpected tar listing line: ${line}`);
      return match.slice(1);
    });
}

const field = (block: Buffer, start: number, length: number) =>
  block.subarray(start, start + length).toString("latin1");

describe("writeTarGz read back by GNU tar", () => {
  it("lists every entry sorted, owned by 0/0, with the fixed mtime and normalised modes", async () => {
    const { archive } = await writeArchive(ENTRIES);
    expect(listVerbose(archive)).toEqual([
      ["-rw-r--r--", "0/0", "4", "2023-11-14 22:13:20", "LICENSE"],
      ["-rw-r--r--", "0/0", "6", "2023-11-14 22:13:20", "README.md"],
      ["drwxr-xr-x", "0/0", "0", "2023-11-14 22:13:20", "bin/"],
      ["-rwxr-xr-x", "0/0", "11", "2023-11-14 22:13:20", "bin/app"],
      ["-rw-------", "0/0", "0", "2023-11-14 22:13:20", "empty"],
    ]);
    expect(run("tar", ["-tvzf", archive])).toMatch(/^-rwxr-xr-x root\/root .* bin\/app$/m);
  });

  it("extracts to the same contents, modes and mtimes", async () => {
    const { dir, archive } = await writeArchive(ENTRIES);
    run("tar", ["-xzpf", archive, "-C", dir]);
    for (const entry of ENTRIES) {
      const stat = statSync(join(dir, entry.path));
      expect(stat.mode & 0o7777, entry.path).toBe(entry.mode & 0o7777);
      expect(stat.isDirectory(), entry.path).toBe(entry.kind === "dir");
      if (entry.kind === "file") {
        expect(new Uint8Array(readFileSync(join(dir, entry.path))), entry.path).toEqual(entry.data);
        expect(stat.mtimeMs / 1000, entry.path).toBe(MTIME);
      }
    }
  });

  it("round-trips a path over 100 bytes through the ustar prefix field", async () => {
    const path = `${"d".repeat(60)}/${"e".repeat(60)}/${"f".repeat(30)}`;
    const tar = writeTar([{ path, kind: "file", mode: 0o644, data: text("long") }], { mtime: MTIME });
    expect(field(tar, 156, 1)).toBe("0"); // no PAX header in front
    expect(field(tar, 0, 100).replace(/\0+$/, "")).toBe("f".repeat(30));
    expect(field(tar, 345, 155).replace(/\0+$/, "")).toBe(`${"d".repeat(60)}/${"e".repeat(60)}`);
    const { dir, archive } = await writeArchive([{ path, kind: "file", mode: 0o644, data: text("long") }]);
    expect(run("tar", ["-tzf", archive])).toBe(`${path}\n`);
    run("tar", ["-xzf", archive, "-C", dir]);
    expect(readFileSync(join(dir, path), "utf8")).toBe("long");
  });

  it("round-trips paths ustar cannot hold through a PAX header that carries only path", async () => {
    const deep = `${Array.from({ length: 30 }, (_, i) => `dir${i}x`).join("/")}/${"ü".repeat(60)}.txt`;
    const wideName = `top/${"w".repeat(120)}`;
    const entries: ArchiveEntry[] = [
      { path: deep, kind: "file", mode: 0o755, data: text("deep") },
      { path: wideName, kind: "dir", mode: 0o755 },
    ];
    expect(Buffer.byteLength(deep)).toBeGreaterThan(255);
    const tar = writeTar(entries, { mtime: MTIME });
    expect(field(tar, 156, 1)).toBe("x");
    // The PAX header's own name comes from the entry, never from a process ID.
    expect(tar.subarray(0, 100).toString("utf8").replace(/\0+$/, "")).toBe(`PaxHeaders/${"ü".repeat(44)}`);
    const recordLength = Number.parseInt(field(tar, 124, 11), 8);
    const record = tar.subarray(512, 512 + recordLength).toString("utf8");
    expect(record).toBe(`${recordLength} path=${deep}\n`);
    expect(Buffer.byteLength(record)).toBe(recordLength);

    const { dir, archive } = await writeArchive(entries);
    expect(run("tar", ["-tzf", archive, "--quoting-style=literal"]).split("\n")).toEqual([
      deep,
      `${wideName}/`,
      "",
    ]);
    run("tar", ["-xzpf", archive, "-C", dir]);
    expect(readFileSync(join(dir, deep), "utf8")).toBe("deep");
    expect(statSync(join(dir, deep)).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, wideName)).isDirectory()).toBe(true);
  });
});

describe("writeTar bytes", () => {
  it("writes uid/gid 0, root names, no device numbers, ustar magic and pads to 10240 bytes", () => {
    const tar = writeTar(ENTRIES, { mtime: MTIME });
    expect(tar.length % 10240).toBe(0);
    expect(field(tar, 5 * 512, 7)).toBe("bin/app");
    expect(field(tar, 5 * 512 + 100, 8)).toBe("0000755\0"); // 0o100755 in, permission bits out
    expect(field(tar, 108, 8)).toBe("0000000\0");
    expect(field(tar, 116, 8)).toBe("0000000\0");
    expect(field(tar, 136, 12)).toBe(`${MTIME.toString(8)}\0`);
    expect(field(tar, 257, 8)).toBe("ustar\u000000");
    expect(field(tar, 265, 32).replace(/\0+$/, "")).toBe("root");
    expect(field(tar, 297, 32).replace(/\0+$/, "")).toBe("root");
    expect(tar.subarray(329, 345).every((byte) => byte === 0)).toBe(true);
    // 5 entries with 3 data blocks, then at least the two zero blocks GNU tar expects.
    expect(tar.subarray(8 * 512).every((byte) => byte === 0)).toBe(true);
    expect(tar.subarray(7 * 512, 8 * 512).some((byte) => byte !== 0)).toBe(true);
  });

  it("gives identical bytes for the same entries in any input order", () => {
    const first = writeTar(ENTRIES, { mtime: MTIME });
    expect(writeTar(ENTRIES, { mtime: MTIME }).equals(first)).toBe(true);
    expect(writeTar([...ENTRIES].reverse(), { mtime: MTIME }).equals(first)).toBe(true);
    expect(writeTar(ENTRIES, { mtime: MTIME + 1 }).equals(first)).toBe(false);
  });

  it("splits long names at the last slash that fits the prefix", () => {
    expect(splitUstarName(text("short"))?.name).toEqual(text("short"));
    expect(splitUstarName(text(`a/${"b".repeat(101)}`))).toBeUndefined();
    expect(splitUstarName(text(`${"a".repeat(156)}/b`))).toBeUndefined();
    const split = splitUstarName(text(`x/${"a".repeat(150)}/${"b".repeat(90)}`));
    expect(new TextDecoder().decode(split?.prefix)).toBe(`x/${"a".repeat(150)}`);
  });

  it("rejects unsafe paths before writing anything", () => {
    expect(() =>
      writeTar([{ path: "../evil", kind: "file", mode: 0o644, data: text("") }], { mtime: 0 }),
    ).toThrow(/unsafe archive path/);
  });
});
