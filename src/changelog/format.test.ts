import { describe, expect, it } from "vitest";
import { parseTemplate } from "../template/index.js";
import { conventionalExcludes, conventionalGroups, gitLineFormat, resolveChangelog } from "./config.js";
import { type ChangelogEntry, coAuthors, gitLogFormat, parseGitLog } from "./entries.js";
import { BadChangelogRegexpError } from "./errors.js";
import { abbreviate, type ChangelogLayout, formatChangelog } from "./format.js";
import { changelogFile, mergeReleaseNotes, releaseBody, truncateReleaseBody } from "./notes.js";

const entry = (sha: string, message: string): ChangelogEntry => ({
  sha,
  message,
  authors: [{ name: "Ann", email: "ann@example.com", username: "" }],
});
const line = (format: string) => {
  const template = parseTemplate(format, "changelog.format");
  return (fields: Readonly<Record<string, unknown>>) => template.render(fields);
};
const layout = (over: Partial<ChangelogLayout> = {}): ChangelogLayout => ({
  sort: "",
  abbrev: 0,
  include: [],
  exclude: [],
  groups: [],
  newline: "\n",
  ...over,
});
const entries = [
  entry("aaaaaaa1", "feat: add x"),
  entry("bbbbbbb2", "fix y"),
  entry("ccccccc3", "Merge pull request #1 from a/b"),
  entry("ddddddd4", "chore: bump"),
  entry("eeeeeee5", "feat(api)!: break z"),
  entry("fffffff6", "fix(cli): crash"),
];

describe("formatChangelog", () => {
  it("lists every entry under ## Changelog without groups", () => {
    expect(formatChangelog(entries.slice(0, 2), layout(), line(gitLineFormat))).toBe(
      "## Changelog\n* aaaaaaa1 feat: add x\n* bbbbbbb2 fix y",
    );
  });

  it("groups in declaration order, shows by order, drops what no group takes", () => {
    const groups = [
      { title: "Others", regexp: "^fix", order: 2, groups: [] },
      { title: "Features", regexp: "^feat", order: 1, groups: [] },
    ];
    expect(formatChangelog(entries, layout({ groups }), line(gitLineFormat))).toBe(
      "## Changelog\n### Features\n* aaaaaaa1 feat: add x\n* eeeeeee5 feat(api)!: break z\n### Others\n* bbbbbbb2 fix y\n* fffffff6 fix(cli): crash",
    );
  });

  it("zero config: conventional groups without merges and chores", () => {
    const resolved = resolveChangelog(undefined, "goship");
    expect(resolved.groups).toBe(conventionalGroups);
    expect(resolved.exclude).toBe(conventionalExcludes);
    const text = formatChangelog(
      entries,
      layout({ groups: resolved.groups, exclude: resolved.exclude, abbrev: 3 }),
      line(resolved.format),
    );
    expect(text).toBe(
      "## Changelog\n### Features\n* aaa feat: add x\n* eee feat(api)!: break z\n### Bug fixes\n* fff fix(cli): crash\n### Others\n* bbb fix y",
    );
    expect(resolveChangelog({}, "goreleaser").groups).toEqual([]);
  });

  it("reads RE2 syntax JavaScript lacks and reports a bad pattern with its key", () => {
    const groups = [{ title: "Features", regexp: "(?i)^FEAT(\\([[:word:]]+\\))?:", order: 0, groups: [] }];
    expect(formatChangelog(entries, layout({ groups }), line(gitLineFormat))).toContain("feat: add x");
    expect(() => formatChangelog(entries, layout({ exclude: ["a("] }), line(gitLineFormat))).toThrow(
      BadChangelogRegexpError,
    );
    expect(() => formatChangelog(entries, layout({ exclude: ["a("] }), line(gitLineFormat))).toThrow(
      /changelog.filters.exclude\[0\]/,
    );
  });

  it("include keeps per pattern (duplicates included); sort compares bytes", () => {
    const text = formatChangelog(
      entries,
      layout({ include: ["^feat", "api"], sort: "" }),
      line("{{ .Message }}"),
    );
    expect(text).toBe("## Changelog\n* feat: add x\n* feat(api)!: break z\n* feat(api)!: break z");
    const sorted = formatChangelog(entries.slice(0, 2), layout({ sort: "desc" }), line("{{ .Message }}"));
    expect(sorted).toBe("## Changelog\n* fix y\n* feat: add x");
  });

  it("uses the hard-break separator and nested groups", () => {
    const groups = [
      {
        title: "Changes",
        regexp: "^(feat|fix)",
        order: 0,
        groups: [{ title: "Fixes", regexp: "^fix", order: 0, groups: [] }],
      },
    ];
    expect(
      formatChangelog(entries.slice(0, 2), layout({ groups, newline: "   \n" }), line("{{ .Message }}")),
    ).toBe("## Changelog   \n### Changes   \n#### Fixes   \n* fix y");
  });

  it("abbreviates as GoReleaser: 0 whole, negative empty", () => {
    expect(abbreviate("abcdef", 0)).toBe("abcdef");
    expect(abbreviate("abcdef", -1)).toBe("");
    expect(abbreviate("abcdef", 3)).toBe("abc");
    expect(abbreviate("abcdef", 30)).toBe("abcdef");
  });
});

describe("git log decoding", () => {
  it("decodes subjects, bodies and co-authors", () => {
    const raw = gitLogFormat
      .replace("%H", "1234")
      .replace("%s", "feat: a <b> & c")
      .replace("%b", "body\nCo-authored-by: Bob B <bob@example.com>\nco-authored-by: <x>\n")
      .replace("%an", "Ann")
      .replace("%aE", "ann@example.com");
    const parsed = parseGitLog(`${raw}\n${raw.replace("1234", "5678")}`);
    expect(parsed.map((e) => e.sha)).toEqual(["1234", "5678"]);
    expect(parsed[0]?.message).toBe("feat: a <b> & c");
    expect(parsed[0]?.authors.map((a) => a.name)).toEqual(["Ann", "Bob B"]);
    expect(coAuthors("Co-Authored-By:Jo <jo@x>")).toEqual([{ name: "Jo", email: "jo@x", username: "" }]);
  });
});

describe("notes", () => {
  it("joins header, text and footer as GoReleaser writes CHANGELOG.md", () => {
    expect(changelogFile("## Changelog")).toBe("## Changelog\n");
    expect(changelogFile("## Changelog", "# Head", "foot\n")).toBe("# Head\n\n## Changelog\n\nfoot\n");
    expect(releaseBody("notes\n", "H", "F")).toBe("H\nnotes\n\nF\n");
    expect(releaseBody("notes")).toBe("notes\n");
  });

  it("merges with an existing body by mode and truncates on a character boundary", () => {
    expect(mergeReleaseNotes("old", "new", "keep-existing")).toBe("old");
    expect(mergeReleaseNotes("", "new", "keep-existing")).toBe("new");
    expect(mergeReleaseNotes("old", "new", "append")).toBe("old\n\nnew");
    expect(mergeReleaseNotes("old", "new", "prepend")).toBe("new\n\nold");
    expect(mergeReleaseNotes("old", "new", "replace")).toBe("new");
    const long = "é".repeat(70_000);
    const cut = truncateReleaseBody(long);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(125_000);
    expect(cut.endsWith("é...")).toBe(true);
  });
});
