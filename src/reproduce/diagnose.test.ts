import { describe, expect, it } from "vitest";
import { writeTarGz } from "../archive/formats/gzip.js";
import { diagnoseBytes, diffChecksums, flattenJson } from "./diagnose.js";

const hex = (c: string) => c.repeat(64);

describe("diagnoseBytes", () => {
  it("reads both archives and names the entry and field", async () => {
    const entries = [{ path: "p/README.md", kind: "file" as const, mode: 0o644, data: Buffer.from("hi") }];
    const a = await writeTarGz(entries, { mtime: 1714521600 });
    const b = await writeTarGz(entries, { mtime: 1709294400 });
    const d = await diagnoseBytes("p.tar.gz", a, b);
    expect(d.kind).toBe("archive");
    if (d.kind !== "archive") return;
    expect(d.diff.entries).toEqual([
      {
        name: "p/README.md",
        content: false,
        fields: [{ field: "mtime", release: "2024-05-01T00:00:00Z", rebuild: "2024-03-01T12:00:00Z" }],
      },
    ]);
  });

  it("says so when an archive cannot be read, instead of failing", async () => {
    const d = await diagnoseBytes("p.zip", Buffer.from("not a zip"), Buffer.from("PK nope"));
    expect(d.kind).toBe("unreadable");
  });

  it("lists metadata fields and checksum lines that differ", async () => {
    const meta = await diagnoseBytes(
      "metadata.json",
      Buffer.from('{"goVersion":"go1.26.8","build":{"flags":["-trimpath"]}}'),
      Buffer.from('{"goVersion":"go1.25.0","build":{"flags":["-trimpath"]}}'),
    );
    expect(meta).toEqual({
      kind: "metadata",
      fields: [{ field: "goVersion", release: '"go1.26.8"', rebuild: '"go1.25.0"' }],
    });
    const sums = await diagnoseBytes(
      "checksums.txt",
      Buffer.from(`${hex("a")}  a.tar.gz\n${hex("b")}  b.zip\n`),
      Buffer.from(`${hex("a")}  a.tar.gz\n${hex("c")}  b.zip\n`),
    );
    expect(sums).toEqual({ kind: "checksums", names: ["b.zip"] });
  });

  it("falls back to the first differing byte", async () => {
    expect(await diagnoseBytes("notes.txt", Buffer.from("abc"), Buffer.from("abx"))).toEqual({
      kind: "bytes",
      firstDifference: 2,
      sizes: { release: 3, rebuild: 3 },
    });
  });
});

describe("helpers", () => {
  it("flattens JSON to dotted paths", () => {
    expect(flattenJson({ a: { b: [1, "x"] }, c: null })).toEqual({ "a.b.0": "1", "a.b.1": '"x"', c: "null" });
  });

  it("finds checksum lines only one side has", () => {
    expect(diffChecksums(`${hex("a")}  a\n`, `${hex("a")}  a\n${hex("b")}  b\n`)).toEqual(["b"]);
  });
});
