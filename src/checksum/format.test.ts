import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { digestHex, formatChecksumLine, formatChecksumsFile, parseChecksumsFile } from "./format.js";

const text = (value: string) => new TextEncoder().encode(value);
const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

const FILES: Record<string, string> = {
  "app_1.0.0_linux_amd64.tar.gz": "linux archive",
  "app_1.0.0_Windows_arm64.zip": "windows archive",
  "app_1.0.0_darwin_arm64.tar.gz": "darwin archive",
  "notes é.txt": "notes",
};

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-checksum-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: "pipe",
    env: { ...process.env, LC_ALL: "C" },
  });
}

/** Writes FILES and a checksums file for them, returning the directory. */
function writeRelease(algorithm: "sha256" | "sha512"): { dir: string; checksums: string } {
  const dir = tempDir();
  for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
  const checksums = formatChecksumsFile(
    Object.entries(FILES).map(([name, content]) => ({ name, hex: digestHex(text(content), algorithm) })),
  );
  writeFileSync(join(dir, "checksums.txt"), checksums);
  return { dir, checksums };
}

describe("digestHex", () => {
  it("matches known vectors and sha256sum", () => {
    expect(digestHex(text("abc"), "sha256")).toBe(SHA256_ABC);
    expect(digestHex(text("abc"), "sha512")).toMatch(/^ddaf35a193617aba[0-9a-f]{112}$/);
    const dir = tempDir();
    writeFileSync(join(dir, "f"), "some content\n");
    expect(run("sha256sum", ["f"], dir)).toBe(`${digestHex(text("some content\n"), "sha256")}  f\n`);
  });
});

describe("formatChecksumsFile", () => {
  it("writes one '<hex>  <name>' line per file, sorted by name in byte order", () => {
    const { checksums } = writeRelease("sha256");
    expect(checksums.split("\n").map((line) => line.slice(66))).toEqual([
      "app_1.0.0_Windows_arm64.zip",
      "app_1.0.0_darwin_arm64.tar.gz",
      "app_1.0.0_linux_amd64.tar.gz",
      "notes é.txt",
      "",
    ]);
    expect(checksums).toMatch(/^([0-9a-f]{64} {2}[^\n]+\n){4}$/);
  });

  it("is accepted by sha256sum -c and sha512sum -c, which reject a changed file", () => {
    for (const algorithm of ["sha256", "sha512"] as const) {
      const { dir } = writeRelease(algorithm);
      expect(run(`${algorithm}sum`, ["-c", "--strict", "checksums.txt"], dir)).toBe(
        Object.keys(FILES)
          .sort()
          .map((name) => `${name}: OK\n`)
          .join(""),
      );
      writeFileSync(join(dir, "notes é.txt"), "tampered");
      expect(() => run(`${algorithm}sum`, ["-c", "--quiet", "checksums.txt"], dir)).toThrow(/did NOT match/);
    }
  });

  it("orders by UTF-8 bytes, where U+FF61 comes before U+1F600 (UTF-16 order is the reverse)", () => {
    const file = formatChecksumsFile([
      { name: "\u{1F600}.txt", hex: SHA256_ABC },
      { name: "\uFF61.txt", hex: SHA256_ABC },
    ]);
    expect(parseChecksumsFile(file).map((line) => line.name)).toEqual(["\uFF61.txt", "\u{1F600}.txt"]);
  });

  it("is the same whatever the input order", () => {
    const lines = [
      { name: "b", hex: SHA256_ABC },
      { name: "a", hex: SHA256_ABC },
    ];
    expect(formatChecksumsFile(lines)).toBe(formatChecksumsFile([...lines].reverse()));
    expect(formatChecksumsFile(lines)).toBe(`${SHA256_ABC}  a\n${SHA256_ABC}  b\n`);
  });

  it("rejects a name listed twice", () => {
    const line = { name: "a", hex: SHA256_ABC };
    expect(() => formatChecksumsFile([line, line])).toThrow('"a" is listed twice');
  });
});

describe("formatChecksumLine", () => {
  it("uses two spaces and a trailing newline", () => {
    expect(formatChecksumLine(SHA256_ABC, "app.zip")).toBe(`${SHA256_ABC}  app.zip\n`);
  });

  it.each([
    [SHA256_ABC.toUpperCase(), "a", /lowercase/],
    [SHA256_ABC.slice(2), "a", /sha256 or sha512/],
    [`${SHA256_ABC.slice(1)}g`, "a", /hex digest/],
    [SHA256_ABC, "", /empty/],
    [SHA256_ABC, "a\nb", /newline/],
    [SHA256_ABC, "a\\b", /backslash/],
  ])("rejects %j for %j", (hex, name, message) => {
    expect(() => formatChecksumLine(hex, name)).toThrow(message);
  });
});

describe("parseChecksumsFile", () => {
  it("reads back what formatChecksumsFile writes", () => {
    const { checksums } = writeRelease("sha512");
    const parsed = parseChecksumsFile(checksums);
    expect(parsed).toHaveLength(4);
    expect(formatChecksumsFile(parsed)).toBe(checksums);
  });

  it("reads sha256sum output in text and binary mode", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a b.txt"), "abc");
    const textMode = run("sha256sum", ["a b.txt"], dir);
    const binaryMode = run("sha256sum", ["--binary", "a b.txt"], dir);
    expect(binaryMode).toBe(`${SHA256_ABC} *a b.txt\n`);
    expect(parseChecksumsFile(textMode)).toEqual([{ name: "a b.txt", hex: SHA256_ABC }]);
    expect(parseChecksumsFile(binaryMode)).toEqual([{ name: "a b.txt", hex: SHA256_ABC }]);
  });

  it("lowercases digests and tolerates CRLF and blank lines", () => {
    const parsed = parseChecksumsFile(`\r\n${SHA256_ABC.toUpperCase()}  x\r\n\n`);
    expect(parsed).toEqual([{ name: "x", hex: SHA256_ABC }]);
  });

  it.each([
    [`${SHA256_ABC} x`, /line 2: expected/],
    [`${SHA256_ABC}x`, /line 2: expected/],
    [`${SHA256_ABC.slice(1)}  x`, /line 2: expected/],
    [`zz${SHA256_ABC.slice(2)}  x`, /line 2: expected/],
    [`\\${SHA256_ABC}  x\\ny`, /line 2: expected/],
    [`${SHA256_ABC}  `, /line 2: bad file name "": it is empty/],
    [`${SHA256_ABC}  x`, /line 2: "x" is listed twice/],
  ])("rejects the malformed line %j with its line number", (line, message) => {
    expect(() => parseChecksumsFile(`${SHA256_ABC}  x\n${line}\n`)).toThrow(message);
  });
});
