import { describe, expect, it } from "vitest";
import { writeTarGz } from "../archive/formats/gzip.js";
import { writeZip } from "../archive/formats/zip.js";
import type { ReadEntry } from "../archive/read/index.js";
import { readArchive } from "../archive/read/index.js";
import { diffArchives, entryFacts, gzipFacts } from "./archive-diff.js";

const bytes = (text: string) => Buffer.from(text);

function entry(name: string, overrides: Partial<ReadEntry> = {}): ReadEntry {
  return {
    name,
    type: "file",
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: "root",
    gname: "root",
    mtime: 1709294400,
    size: 5,
    linkname: "",
    data: bytes("hello"),
    extras: [],
    ...overrides,
  };
}

const side = (entries: ReadEntry[], container: Record<string, string> = {}) => ({
  entries: entries.map((e) => entryFacts(e, "tar.gz")),
  container,
});

describe("diffArchives", () => {
  it("names each header field that differs, release value first", () => {
    const diff = diffArchives(
      side([
        entry("a/README.md", { uid: 1001, gid: 118, uname: "runner", gname: "docker", mtime: 1714521600 }),
      ]),
      side([entry("a/README.md")]),
    );
    expect(diff.entries).toEqual([
      {
        name: "a/README.md",
        content: false,
        fields: [
          { field: "mtime", release: "2024-05-01T00:00:00Z", rebuild: "2024-03-01T12:00:00Z" },
          { field: "uid", release: "1001", rebuild: "0" },
          { field: "gid", release: "118", rebuild: "0" },
          { field: "uname", release: "runner", rebuild: "root" },
          { field: "gname", release: "docker", rebuild: "root" },
        ],
      },
    ]);
  });

  it("reports content, size and mode, entries on one side, renames and order", () => {
    const diff = diffArchives(
      side([
        entry("x/LICENSE", { data: bytes("MIT"), size: 3 }),
        entry("x/bin", { mode: 0o700 }),
        entry("x/only"),
      ]),
      side([
        entry("x/bin", { data: bytes("hellO") }),
        entry("x/COPYING", { data: bytes("MIT"), size: 3 }),
        entry("x/new", { data: bytes("other") }),
      ]),
    );
    expect(diff.onlyInRelease).toEqual(["x/only"]);
    expect(diff.onlyInRebuild).toEqual(["x/new"]);
    expect(diff.renamed).toEqual([{ release: "x/LICENSE", rebuild: "x/COPYING" }]);
    expect(diff.entries).toEqual([
      { name: "x/bin", content: true, fields: [{ field: "mode", release: "0700", rebuild: "0644" }] },
    ]);
    expect(diff.order).toBe(false);
    const reordered = diffArchives(side([entry("a"), entry("b")]), side([entry("b"), entry("a")]));
    expect(reordered.order).toBe(true);
    expect(reordered.entries).toEqual([]);
  });

  it("sees a different gzip header when the entries are the same", async () => {
    const archive = await writeTarGz([{ path: "a", kind: "file", mode: 0o644, data: bytes("x") }], {
      mtime: 0,
    });
    const other = Buffer.from(archive);
    other[9] = 255;
    const listing = await readArchive(archive);
    const diff = diffArchives(
      { entries: listing.entries.map((e) => entryFacts(e, listing.format)), container: gzipFacts(archive) },
      { entries: listing.entries.map((e) => entryFacts(e, listing.format)), container: gzipFacts(other) },
    );
    expect(diff.entries).toEqual([]);
    expect(diff.container).toEqual([{ field: "gzip OS byte", release: "3", rebuild: "255" }]);
  });

  it("leaves owners out for zip, which stores none, but keeps extra headers", async () => {
    const zip = await writeZip([{ path: "a.exe", kind: "file", mode: 0o755, data: bytes("MZ") }], {
      mtime: 1709294400,
    });
    const listing = await readArchive(zip);
    const facts = entryFacts(listing.entries[0]!, "zip");
    expect(facts.fields).toEqual({
      type: "file",
      mode: "0755",
      mtime: "2024-03-01T12:00:00Z",
      size: "2",
      "extra headers": "none",
    });
  });
});
