import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evalFiles } from "./files.js";
import { GlobError, globFiles, globRegExp, staticPrefix } from "./glob.js";

function tree(files: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "goship-glob-"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), file);
  }
  return root;
}

describe("globs", () => {
  it("keeps * within a folder and lets ** cross folders", () => {
    expect(globRegExp("docs/*.md").test("docs/a.md")).toBe(true);
    expect(globRegExp("docs/*.md").test("docs/x/a.md")).toBe(false);
    expect(globRegExp("docs/**/*.md").test("docs/x/y/a.md")).toBe(true);
    expect(globRegExp("{LICENSE,NOTICE}*").test("NOTICE.txt")).toBe(true);
    expect(globRegExp("file[0-9].txt").test("file7.txt")).toBe(true);
    expect(staticPrefix("docs/**/*.md")).toBe("docs");
    expect(staticPrefix("*.md")).toBe(".");
  });

  it("expands a matched folder into its files and fails on a missing plain path", async () => {
    const root = tree(["docs/a.md", "docs/sub/b.md", "README.md", "LICENSE"]);
    expect(await globFiles(root, "docs")).toEqual(["docs/a.md", "docs/sub/b.md"]);
    expect(await globFiles(root, "*.md")).toEqual(["README.md"]);
    expect(await globFiles(root, "nothing*")).toEqual([]);
    await expect(globFiles(root, "missing.txt")).rejects.toThrow(GlobError);
  });

  it("places matches under dst the way GoReleaser's archivefiles does", async () => {
    const root = tree(["docs/a.md", "docs/sub/b.md", "LICENSE", "completions/x.bash", "completions/x.zsh"]);
    const warnings: string[] = [];
    const files = await evalFiles(
      root,
      [
        { src: "docs", dst: "manual", stripParent: false, optional: false },
        { src: "LICENSE", dst: "legal/LICENSE.txt", stripParent: false, optional: false },
        { src: "completions/*", dst: "share", stripParent: true, optional: false },
        { src: "docs/*.md", dst: "", stripParent: false, optional: false },
        { src: "none*", dst: "", stripParent: false, optional: false },
      ],
      (message) => warnings.push(message),
    );
    expect(files.map((f) => `${f.source} -> ${f.destination}`)).toEqual([
      "docs/a.md -> docs/a.md",
      "LICENSE -> legal/LICENSE.txt",
      "docs/a.md -> manual/a.md",
      "docs/sub/b.md -> manual/sub/b.md",
      "completions/x.bash -> share/x.bash",
      "completions/x.zsh -> share/x.zsh",
    ]);
    expect(warnings).toEqual(["no files matched"]);
  });
});
