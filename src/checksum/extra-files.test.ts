import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExtraFilesError } from "./errors.js";
import { findExtraFiles } from "./extra-files.js";
import { formatChecksumsFile } from "./format.js";

describe("findExtraFiles (GoReleaser's checksum.extra_files)", () => {
  let root: string;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "goship-extra-"));
    mkdirSync(path.join(root, "docs"));
    for (const [name, text] of [
      ["LICENSE", "MIT\n"],
      ["README.md", "# app\n"],
      ["docs/guide.md", "guide\n"],
      ["docs/faq.md", "faq\n"],
    ] as const)
      writeFileSync(path.join(root, name), text);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists each file by its base name or its name_template, sorted by name", async () => {
    const found = await findExtraFiles(
      root,
      [
        { glob: "./LICENSE", name: "" },
        { glob: "docs/*.md", name: "" },
        { glob: "./README.md", name: "app_1.2.3_README.md" },
      ],
      warn,
    );
    expect(found).toEqual([
      { name: "LICENSE", source: "LICENSE" },
      { name: "app_1.2.3_README.md", source: "README.md" },
      { name: "faq.md", source: "docs/faq.md" },
      { name: "guide.md", source: "docs/guide.md" },
    ]);
  });

  it("gives lines in GoReleaser's format, sorted with the release's own", () => {
    const text = formatChecksumsFile([
      { name: "app_1.2.3_linux_amd64.tar.gz", hex: "b".repeat(64) },
      { name: "LICENSE", hex: "a".repeat(64) },
    ]);
    expect(text).toBe(`${"a".repeat(64)}  LICENSE\n${"b".repeat(64)}  app_1.2.3_linux_amd64.tar.gz\n`);
  });

  it("fails on a file that does not exist, naming the entry, as GoReleaser does", async () => {
    const missing = findExtraFiles(root, [{ glob: "./MISSING", name: "" }], warn);
    await expect(missing).rejects.toThrow(ExtraFilesError);
    await expect(findExtraFiles(root, [{ glob: "./MISSING", name: "" }], warn)).rejects.toThrow(
      /checksum\.extra_files\[0\]\.glob "\.\/MISSING": matching "MISSING": file does not exist/,
    );
  });

  it("adds nothing for a wildcard that matches nothing, and warns on an empty glob", async () => {
    expect(await findExtraFiles(root, [{ glob: "nothing/*.txt", name: "" }], warn)).toEqual([]);
    expect(await findExtraFiles(root, [{ glob: "  ", name: "" }], warn)).toEqual([]);
    expect(warnings).toContain("ignoring empty glob");
  });

  it("refuses one name for several files", async () => {
    await expect(findExtraFiles(root, [{ glob: "docs/*.md", name: "docs.md" }], warn)).rejects.toThrow(
      /matches 2 files but name_template gives them one name/,
    );
  });

  it("lets a later file of the same name replace an earlier one, with a warning", async () => {
    const found = await findExtraFiles(
      root,
      [
        { glob: "LICENSE", name: "" },
        { glob: "README.md", name: "LICENSE" },
      ],
      warn,
    );
    expect(found).toEqual([{ name: "LICENSE", source: "README.md" }]);
    expect(warnings).toContain("extra file replaces an earlier one of the same name");
  });
});
