// Mutates real Go binaries and archives (truncation, bit flips, corrupted fields, huge counts) and
// checks that the readers only ever return a result or their typed errors, quickly, in bounded memory.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { ArchiveEntry } from "../archive/formats/entry.js";
import { writeTarGz } from "../archive/formats/gzip.js";
import { writeTar } from "../archive/formats/tar.js";
import { writeZip } from "../archive/formats/zip.js";
import { MalformedArchiveError, readArchive } from "../archive/read/index.js";
import { createExec } from "../process/exec.js";
import { memorySource } from "./byte-source.js";
import { MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
import { formatGoVersionM } from "./go-version.js";
import { parseImages, readBinary } from "./read-binary.js";

const CASES = Number(process.env.GOSHIP_FUZZ_CASES ?? 10000);
const SEED = 0x5eed1234;
/** A reader that takes longer than this on a ~2 MB input is looping on something it should not. */
const CASE_TIME_LIMIT_MS = 1000;
const HEAP_GROWTH_LIMIT = 256 * 1024 * 1024;

const TARGETS = [
  { name: "linux-amd64", env: { GOOS: "linux", GOARCH: "amd64" }, strip: true },
  { name: "linux-ppc64", env: { GOOS: "linux", GOARCH: "ppc64" }, strip: true },
  { name: "linux-386", env: { GOOS: "linux", GOARCH: "386" }, strip: false },
  { name: "windows-amd64.exe", env: { GOOS: "windows", GOARCH: "amd64" }, strip: true },
  { name: "darwin-arm64", env: { GOOS: "darwin", GOARCH: "arm64" }, strip: true },
  { name: "darwin-amd64", env: { GOOS: "darwin", GOARCH: "amd64" }, strip: true },
];

const MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("fuzz corpus") }\n';

/** Builds the corpus once and keeps it in the temp directory, keyed by the corpus definition. */
async function loadCorpus(): Promise<Map<string, Uint8Array> | string> {
  const dir = path.join(os.tmpdir(), "goship-fuzz-corpus-v1");
  const missing = TARGETS.filter((t) => !existsSync(path.join(dir, t.name)));
  if (missing.length > 0) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "go.mod"), "module example.com/fuzzcorpus\n\ngo 1.22\n");
    writeFileSync(path.join(dir, "main.go"), MAIN_GO);
    const exec = createExec();
    try {
      await exec("go", ["version"], { cwd: dir });
    } catch (error) {
      if (process.env.CI) throw error;
      return "the go toolchain is not installed and no cached fuzz corpus exists";
    }
    for (const t of missing) {
      const out = path.join(dir, `${t.name}.partial`);
      const flags = [
        "build",
        "-trimpath",
        `-ldflags=-buildid=fuzz${t.strip ? " -s -w" : ""}`,
        "-o",
        out,
        ".",
      ];
      const env = { ...process.env, ...t.env, CGO_ENABLED: "0", GOFLAGS: "", GOTOOLCHAIN: "local" };
      await exec("go", flags, { cwd: dir, env, timeoutMs: 540_000 });
      // Rename last, so an interrupted build never leaves a half-written corpus file behind.
      renameSync(out, path.join(dir, t.name));
    }
  }
  const corpus = new Map<string, Uint8Array>();
  for (const t of TARGETS) corpus.set(t.name, new Uint8Array(readFileSync(path.join(dir, t.name))));
  corpus.set("universal", makeUniversal(corpus.get("darwin-arm64")!, corpus.get("darwin-amd64")!));
  return corpus;
}

/** A two-slice universal file, as lipo lays one out (16 KiB-aligned slices). */
function makeUniversal(arm64: Uint8Array, amd64: Uint8Array): Uint8Array {
  const align = (n: number) => Math.ceil(n / 16384) * 16384;
  const first = 16384;
  const second = align(first + arm64.length);
  const out = new Uint8Array(second + amd64.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xcafebabe);
  view.setUint32(4, 2);
  for (const [i, [cpu, offset, slice]] of [
    [0x0100000c, first, arm64],
    [0x01000007, second, amd64],
  ].entries() as IterableIterator<[number, [number, number, Uint8Array]]>) {
    view.setUint32(8 + i * 20, cpu);
    view.setUint32(8 + i * 20 + 8, offset);
    view.setUint32(8 + i * 20 + 12, slice.length);
    view.setUint32(8 + i * 20 + 16, 14);
    out.set(slice, offset);
  }
  return out;
}

/** mulberry32: small, fast and the same on every machine. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]! };
}
type Random = ReturnType<typeof createRandom>;

/** Offsets worth corrupting: headers, tables, and the start of every section and segment. */
async function findHotspots(bytes: Uint8Array): Promise<number[]> {
  const spots = new Set<number>([0, 4, 8, 16, 20, 24, 32, 40, 48, 56, 60, 0x3c]);
  for (let i = 0; i < Math.min(bytes.length, 4096); i += 4) spots.add(i);
  const { images } = await parseImages(memorySource(bytes));
  for (const image of images) {
    const base = image.fileOffset;
    const starts: number[] = [];
    if ("programs" in image) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const is64 = bytes[4] === 2;
      const shoff = is64 ? Number(view.getBigUint64(40, bytes[5] === 1)) : view.getUint32(32, bytes[5] === 1);
      for (let i = 0; i < 64 * 64; i += 4) spots.add(shoff + i);
    }
    if ("sections" in image) {
      for (const s of image.sections as readonly object[]) {
        if ("pointerToRawData" in s) starts.push(s.pointerToRawData as number);
        else if ("offset" in s) starts.push(s.offset as number);
      }
    }
    if ("segments" in image)
      for (const s of image.segments as readonly { offset: number }[]) starts.push(s.offset);
    for (const start of starts) for (let i = 0; i < 256; i += 4) spots.add(base + start + i);
    const magic = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(
      "\xff Go buildinf:",
      0,
      "latin1",
    );
    if (magic >= 0) for (let i = 0; i < 64; i++) spots.add(magic + i);
  }
  return [...spots].filter((o) => o >= 0 && o < bytes.length).sort((a, b) => a - b);
}

const INTERESTING = [
  0, 1, 2, 3, 4, 7, 8, 16, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
];

/** Applies one random mutation in place; returns an undo function and the bytes to read. */
function mutate(
  bytes: Uint8Array,
  hotspots: number[],
  random: Random,
): { view: Uint8Array; undo: () => void } {
  const saved: [number, number][] = [];
  const set = (offset: number, value: number) => {
    if (offset < 0 || offset >= bytes.length) return;
    saved.push([offset, bytes[offset]!]);
    bytes[offset] = value & 0xff;
  };
  const spot = () => (random.next() < 0.85 ? random.pick(hotspots) : random.int(bytes.length));
  let length = bytes.length;
  const rounds = 1 + (random.next() < 0.3 ? random.int(4) : 0);
  for (let round = 0; round < rounds; round++) {
    const kind = random.int(6);
    if (kind === 0) {
      // Truncation, often just inside a header or table.
      length = Math.min(length, random.next() < 0.5 ? spot() : random.int(bytes.length));
    } else if (kind === 1) {
      for (let n = 1 + random.int(8); n > 0; n--) {
        const at = spot();
        set(at, bytes[at]! ^ (1 << random.int(8)));
      }
    } else if (kind === 2 || kind === 3) {
      // A corrupted field: an interesting or random value, 1 to 8 bytes wide, either byte order.
      const width = random.pick([1, 2, 4, 8]);
      const value =
        kind === 2 ? random.pick([...INTERESTING, bytes.length, bytes.length - 1]) : random.int(2 ** 32);
      const at = spot() & ~(width - 1);
      const little = random.next() < 0.5;
      for (let i = 0; i < width; i++) {
        const shift = 8 * (little ? i : width - 1 - i);
        set(at + i, shift >= 32 ? (random.next() < 0.3 ? 0xff : 0) : value >>> shift);
      }
    } else if (kind === 4) {
      // A huge count: all ones over a field.
      const at = spot();
      for (let i = 0; i < random.pick([2, 4, 8]); i++) set(at + i, 0xff);
    } else {
      const at = spot();
      const fill = random.pick([0, 0xff, -1]);
      for (let i = 0; i < 1 + random.int(64); i++) set(at + i, fill < 0 ? random.int(256) : fill);
    }
  }
  return {
    view: bytes.subarray(0, length),
    undo: () => {
      for (let i = saved.length - 1; i >= 0; i--) bytes[saved[i]![0]] = saved[i]![1];
    },
  };
}

it("reads mutated Go binaries without crashing, hanging or growing the heap", {
  timeout: 1_800_000,
}, async (ctx) => {
  const corpus = await loadCorpus();
  if (typeof corpus === "string") return ctx.skip(corpus);
  const bases = [...corpus.entries()];
  for (const [name, bytes] of bases) {
    const info = await readBinary(memorySource(bytes));
    expect(info.buildInfo.goVersion, name).toMatch(/^go1\./);
  }
  const hotspots = new Map<string, number[]>();
  for (const [name, bytes] of bases) hotspots.set(name, await findHotspots(bytes));

  const random = createRandom(SEED);
  const outcomes = { read: 0, malformed: 0, notGo: 0 };
  const failures: string[] = [];
  const heapBase = process.memoryUsage().heapUsed;
  let heapPeak = heapBase;
  let slowest = 0;
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const [name, bytes] = bases[i % bases.length]!;
    const { view, undo } = mutate(bytes, hotspots.get(name)!, random);
    const caseStart = performance.now();
    try {
      const info = await readBinary(memorySource(view), { scanLeakedPaths: i % 16 === 0 });
      formatGoVersionM(name, info);
      outcomes.read++;
    } catch (error) {
      if (error instanceof MalformedBinaryError) outcomes.malformed++;
      else if (error instanceof NotAGoBinaryError) outcomes.notGo++;
      else if (failures.length < 10) failures.push(`case ${i} (${name}): ${(error as Error).stack}`);
    } finally {
      undo();
    }
    const elapsed = performance.now() - caseStart;
    if (elapsed > slowest) slowest = elapsed;
    if (elapsed > CASE_TIME_LIMIT_MS && failures.length < 10)
      failures.push(`case ${i} (${name}) took ${elapsed} ms`);
    if (i % 500 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${CASES} cases in ${seconds.toFixed(1)} s (${outcomes.read} read, ${outcomes.malformed} malformed, ` +
      `${outcomes.notGo} not Go); slowest case ${slowest.toFixed(1)} ms; ` +
      `heap peak +${((heapPeak - heapBase) / 2 ** 20).toFixed(0)} MiB`,
  );
  expect(failures).toEqual([]);
  expect(heapPeak - heapBase).toBeLessThan(HEAP_GROWTH_LIMIT);
});

it("reads mutated archives without crashing, hanging or growing the heap", {
  timeout: 1_800_000,
}, async (ctx) => {
  const corpus = await loadCorpus();
  if (typeof corpus === "string") return ctx.skip(corpus);
  const binary = [...corpus.values()][0]!;
  const entries: ArchiveEntry[] = [
    { path: "app-v1-linux-amd64", kind: "dir", mode: 0o755 },
    // A slice of a real binary keeps each case fast while the readers still see Go headers.
    { path: "app-v1-linux-amd64/app", kind: "file", mode: 0o755, data: binary.subarray(0, 64 * 1024) },
    { path: "app-v1-linux-amd64/README.md", kind: "file", mode: 0o644, data: Buffer.from("# app\n") },
  ];
  // Uncompressed tar and stored-or-deflated zip expose header fields to mutation; tar.gz exercises gunzip.
  const bases: Array<[string, Uint8Array]> = [
    ["tar", writeTar(entries, { mtime: 1_700_000_000 })],
    ["zip", await writeZip(entries, { mtime: 1_700_000_000 })],
    ["tar.gz", await writeTarGz(entries, { mtime: 1_700_000_000 })],
  ];
  const hotspots = new Map(bases.map(([name, bytes]) => [name, archiveHotspots(bytes)]));
  const random = createRandom(SEED ^ 0xa5c1);
  const outcomes = { read: 0, malformed: 0 };
  const failures: string[] = [];
  const heapBase = process.memoryUsage().heapUsed;
  let heapPeak = heapBase;
  let slowest = 0;
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const [name, bytes] = bases[i % bases.length]!;
    const { view, undo } = mutate(bytes, hotspots.get(name)!, random);
    const caseStart = performance.now();
    try {
      const listing = await readArchive(view);
      for (const entry of listing.entries.filter((e) => e.type === "file")) {
        await readBinary(memorySource(entry.data), { scanLeakedPaths: false }).catch((error: unknown) => {
          if (!(error instanceof MalformedBinaryError || error instanceof NotAGoBinaryError)) throw error;
        });
      }
      outcomes.read++;
    } catch (error) {
      if (error instanceof MalformedArchiveError) outcomes.malformed++;
      else if (failures.length < 10) failures.push(`case ${i} (${name}): ${(error as Error).stack}`);
    } finally {
      undo();
    }
    const elapsed = performance.now() - caseStart;
    slowest = Math.max(slowest, elapsed);
    if (elapsed > CASE_TIME_LIMIT_MS && failures.length < 10)
      failures.push(`case ${i} (${name}) took ${elapsed} ms`);
    if (i % 500 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${CASES} archive cases in ${seconds.toFixed(1)} s (${outcomes.read} read, ${outcomes.malformed} malformed); ` +
      `slowest case ${slowest.toFixed(1)} ms; heap peak +${((heapPeak - heapBase) / 2 ** 20).toFixed(0)} MiB`,
  );
  expect(failures).toEqual([]);
  expect(heapPeak - heapBase).toBeLessThan(HEAP_GROWTH_LIMIT);
});

/** The start of every 512-byte block (where tar headers sit), the zip directory at the end, and the first bytes. */
function archiveHotspots(bytes: Uint8Array): number[] {
  const spots = new Set<number>();
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) spots.add(i);
  for (let block = 0; block < bytes.length; block += 512)
    for (let i = 100; i < 160; i += 4) spots.add(block + i);
  for (let i = Math.max(0, bytes.length - 512); i < bytes.length; i++) spots.add(i);
  return [...spots].filter((o) => o < bytes.length).sort((a, b) => a - b);
}
