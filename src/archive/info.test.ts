import { describe, expect, it } from "vitest";
import { noFileInfo } from "../config/archives.js";
import { FileInfoError } from "./errors.js";
import { goDir } from "./files.js";
import { writeTar } from "./formats/tar.js";
import { writeZip } from "./formats/zip.js";
import { entryInfoOf, parseRfc3339 } from "./info.js";
import { readTar } from "./read/tar.js";
import { readZip } from "./read/zip.js";

const render = (template: string) => template.replace("{{ .CommitDate }}", "2024-03-01T12:00:00Z");

describe("parseRfc3339", () => {
  it("reads Go's RFC3339Nano forms, dropping fractions of a second", () => {
    expect(parseRfc3339("2024-03-01T12:00:00Z")).toBe(1709294400);
    expect(parseRfc3339("2024-03-01T12:00:00.999999999Z")).toBe(1709294400);
    expect(parseRfc3339("2024-03-01T13:30:00+01:30")).toBe(1709294400);
    expect(parseRfc3339("2024-03-01T10:00:00-02:00")).toBe(1709294400);
  });
  it("refuses what Go's parser refuses", () => {
    for (const bad of ["2024-03-01", "1709294400", "2024-13-01T00:00:00Z", "2024-03-01T12:00:00"])
      expect(parseRfc3339(bad), bad).toBeUndefined();
  });
});

describe("entryInfoOf", () => {
  it("renders owner, group and mtime and keeps the mode's permission bits", () => {
    const info = { owner: "root", group: "{{ .Group }}", mode: 0o100600, mtime: "{{ .CommitDate }}" };
    const fields = entryInfoOf(info, "archives[0].files[0].info", (t) =>
      render(t).replace("{{ .Group }}", "wheel"),
    );
    expect(fields).toEqual({ owner: "root", group: "wheel", mode: 0o600, mtime: 1709294400 });
  });
  it("leaves every default when nothing is set", () => {
    expect(entryInfoOf(noFileInfo, "x", render)).toEqual({});
  });
  it("names the key when the mtime is not a time", () => {
    const info = { ...noFileInfo, mtime: "yesterday" };
    expect(() => entryInfoOf(info, "archives[0].builds_info", render)).toThrow(FileInfoError);
    expect(() => entryInfoOf(info, "archives[0].builds_info", render)).toThrow(
      /archives\[0\]\.builds_info\.mtime must render to an RFC 3339 time/,
    );
  });
});

describe("per-entry header fields", () => {
  const entries = [
    { path: "z-first", kind: "file" as const, mode: 0o644, data: new Uint8Array([1]) },
    {
      path: "app",
      kind: "file" as const,
      mode: 0o755,
      data: new Uint8Array([2]),
      owner: "bob",
      group: "wheel",
      mtime: 1577836800,
    },
    { path: "link", kind: "symlink" as const, mode: 0o777, linkTarget: "app" },
  ];

  it("tar stores owner, group, mtime and link targets per entry, in the given order when asked", () => {
    const read = readTar(writeTar(entries, { mtime: 1709294400, order: "given" }));
    expect(read.map((e) => [e.name, e.type, e.uname, e.gname, e.uid, e.gid, e.mtime, e.linkname])).toEqual([
      ["z-first", "file", "root", "root", 0, 0, 1709294400, ""],
      ["app", "file", "bob", "wheel", 0, 0, 1577836800, ""],
      ["link", "symlink", "root", "root", 0, 0, 1709294400, "app"],
    ]);
    expect(readTar(writeTar(entries, { mtime: 1709294400 })).map((e) => e.name)).toEqual([
      "app",
      "link",
      "z-first",
    ]);
  });

  it("zip stores each entry's mtime and symlink mode; owner and group have no place there", async () => {
    const listing = await readZip(await writeZip(entries, { mtime: 1709294400, order: "given" }));
    expect(listing.entries.map((e) => [e.name, e.type, e.mtime])).toEqual([
      ["z-first", "file", 1709294400],
      ["app", "file", 1577836800],
      ["link", "symlink", 1709294400],
    ]);
  });

  it("refuses owner names tar cannot hold", () => {
    expect(() => writeTar([{ ...entries[1]!, owner: "x".repeat(32) }], { mtime: 0 })).toThrow(
      /1 to 31 bytes/,
    );
  });
});

describe("goDir", () => {
  it("is Go's filepath.Dir, so a glob's common prefix docs/ is the folder docs", () => {
    expect(goDir("docs/")).toBe("docs");
    expect(goDir("docs/guide")).toBe("docs");
    expect(goDir("guide.md")).toBe(".");
    expect(goDir("/x")).toBe("/");
  });
});
