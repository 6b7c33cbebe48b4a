import { describe, expect, it } from "vitest";
import { writeTar } from "../archive/formats/tar.js";
import type { ReadEntry } from "../archive/read/index.js";
import { readTar } from "../archive/read/tar.js";
import { SourceArchiveError } from "./errors.js";
import { entriesFromGitTar, sourceEntries } from "./listing.js";
import { gitArchiveArgs } from "./step.js";

const COMMIT_TIME = 1709294400;

function read(
  name: string,
  type: ReadEntry["type"],
  mode: number,
  extra: Partial<ReadEntry> = {},
): ReadEntry {
  return {
    name,
    type,
    mode,
    uid: 0,
    gid: 0,
    uname: "root",
    gname: "root",
    mtime: COMMIT_TIME,
    size: 0,
    linkname: "",
    data: new Uint8Array(0),
    extras: [],
    ...extra,
  };
}

// git's tree order: "sub-x" sorts before "sub/" because "-" < "/".
const gitListing = [
  read("app-1.2.3", "dir", 0o775),
  read("app-1.2.3/main.go", "file", 0o664, { data: new Uint8Array([1]) }),
  read("app-1.2.3/run.sh", "file", 0o775, { data: new Uint8Array([2]) }),
  read("app-1.2.3/sub-x", "file", 0o664, { data: new Uint8Array([3]) }),
  read("app-1.2.3/sub", "dir", 0o775),
  read("app-1.2.3/sub/f", "file", 0o664, { data: new Uint8Array([4]) }),
  read("app-1.2.3/latest", "symlink", 0o777, { linkname: "run.sh" }),
];

describe("source archive listing", () => {
  it("keeps git's order, modes and times, then appends the extra files under the prefix", () => {
    const entries = sourceEntries(
      entriesFromGitTar(gitListing),
      [
        { destination: "manual/faq.md", data: new Uint8Array([5]), mode: 0o444, owner: "docs" },
        { destination: "manual/guide.md", data: new Uint8Array([6]), mode: 0o644, mtime: 1 },
      ],
      "app-1.2.3/",
    );
    const tar = readTar(writeTar(entries, { mtime: COMMIT_TIME, order: "given" }));
    expect(tar.map((e) => `${e.type} ${e.mode.toString(8)} ${e.uname} ${e.mtime} ${e.name}`)).toEqual([
      `dir 775 root ${COMMIT_TIME} app-1.2.3`,
      `file 664 root ${COMMIT_TIME} app-1.2.3/main.go`,
      `file 775 root ${COMMIT_TIME} app-1.2.3/run.sh`,
      `file 664 root ${COMMIT_TIME} app-1.2.3/sub-x`,
      `dir 775 root ${COMMIT_TIME} app-1.2.3/sub`,
      `file 664 root ${COMMIT_TIME} app-1.2.3/sub/f`,
      `symlink 777 root ${COMMIT_TIME} app-1.2.3/latest`,
      `file 444 docs ${COMMIT_TIME} app-1.2.3/manual/faq.md`,
      `file 644 root 1 app-1.2.3/manual/guide.md`,
    ]);
    expect(tar.find((e) => e.type === "symlink")?.linkname).toBe("run.sh");
  });

  it("refuses an extra file that a tracked file already occupies, as GoReleaser does", () => {
    expect(() =>
      sourceEntries(
        entriesFromGitTar(gitListing),
        [{ destination: "main.go", data: new Uint8Array(), mode: 0o644 }],
        "app-1.2.3/",
      ),
    ).toThrow(SourceArchiveError);
  });

  it("refuses entry types it cannot store", () => {
    expect(() => entriesFromGitTar([read("x", "hardlink", 0o644)])).toThrow(/as a hardlink/);
  });

  it("pins git's settings that change the listing", () => {
    expect(gitArchiveArgs("abc", "app/", "/out.tar")).toEqual([
      "-c",
      "tar.umask=0002",
      "-c",
      "core.attributesFile=",
      "archive",
      "--format=tar",
      "--prefix=app/",
      "-o",
      "/out.tar",
      "abc",
    ]);
    expect(gitArchiveArgs("abc", "", "/out.tar")).not.toContain("--prefix=");
  });
});
