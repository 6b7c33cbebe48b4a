// Step: the release notes, as GoReleaser writes them, into dist/CHANGELOG.md.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sectionOf } from "../config/section.js";
import { gitEnv } from "../git/env.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render } from "../pipeline/templates.js";
import { writeStaged } from "../staging/staging.js";
import { gitLogArgs, parseGitLog } from "./entries.js";
import { ChangelogSourceError, NotesFileError } from "./errors.js";
import { checkSort, formatChangelog } from "./format.js";
import { changelogFile } from "./notes.js";
import { findPreviousTag } from "./previous-tag.js";
import { changelogSection } from "./section.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    changelog: { readonly previousTag: string };
  }
}

/** `"   \n"` (a markdown hard break) when the release goes to GitLab or Gitea, as in GoReleaser. */
export const changelogNewline = factKey<string>("changelog line separator");

export const changelogStep: Step = {
  name: "writing the changelog",
  section: changelogSection,
  produces: { changelog: { category: "metadata", publishOrder: "last" } },
  skip(ctx) {
    if (ctx.release?.snapshot) return "snapshot";
    const { disable } = sectionOf(need(ctx, "config"), changelogSection);
    if (disable !== "" && render(ctx, disable, "changelog.disable", releaseFields(ctx)).trim() === "true")
      return "changelog.disable is set";
    return undefined;
  },
  async run(ctx) {
    const flags = ctx.options.releaseNotes;
    const given = await loadContent(ctx, "--release-notes", flags.notes, flags.notesTemplate);
    let text: string;
    let previousTag = "";
    if (given !== undefined) {
      text = given;
    } else {
      const header = await loadContent(ctx, "--release-header", flags.header, flags.headerTemplate);
      const footer = await loadContent(ctx, "--release-footer", flags.footer, flags.footerTemplate);
      previousTag = await findPreviousTag({
        exec: ctx.exec,
        dir: need(ctx, "module").dir,
        env: ctx.env,
        currentTag: need(ctx, "release").tag,
        signal: ctx.signal,
      });
      text = changelogFile(await changelogText(ctx, previousTag), header, footer);
    }
    const written = await writeStaged(ctx, "CHANGELOG.md", text);
    ctx.artifacts.add({
      kind: "changelog",
      name: "CHANGELOG.md",
      path: "CHANGELOG.md",
      previousTag,
      ...written,
    });
    ctx.log.info("changelog", { from: previousTag || "the first commit", to: need(ctx, "release").tag });
  },
};

async function changelogText(ctx: ReleaseContext, previousTag: string): Promise<string> {
  const settings = sectionOf(need(ctx, "config"), changelogSection);
  if (settings.use !== "git")
    ctx.log.warn(`changelog.use "${settings.use}" is not supported yet; the changelog is built from git`);
  const result = await ctx.exec("git", gitLogArgs(previousTag, need(ctx, "release").tag), {
    cwd: need(ctx, "module").dir,
    env: gitEnv(ctx.env),
    signal: ctx.signal,
    allowFailure: true,
  });
  if (result.exitCode !== 0)
    throw new ChangelogSourceError("git log failed, so there is no changelog; check that both tags exist", {
      output: result.stderr,
    });
  const base = releaseFields(ctx);
  return formatChangelog(
    parseGitLog(result.stdout),
    {
      sort: checkSort(settings.sort),
      abbrev: settings.abbrev,
      include: settings.include,
      exclude: settings.exclude,
      groups: settings.groups,
      newline: ctx.facts.get(changelogNewline) ?? "\n",
    },
    (fields) => render(ctx, settings.format, "changelog.format", { ...base, ...fields }),
  );
}

/** A notes file as it is, or a template file rendered with the release's fields. */
async function loadContent(
  ctx: ReleaseContext,
  flag: string,
  file: string | undefined,
  templateFile: string | undefined,
): Promise<string | undefined> {
  const chosen = templateFile ?? file;
  if (chosen === undefined) return undefined;
  const where = path.resolve(ctx.options.dir, chosen);
  let text: string;
  try {
    text = await readFile(where, "utf8");
  } catch (error) {
    throw new NotesFileError(templateFile ? `${flag}-tmpl` : flag, where, error);
  }
  if (templateFile !== undefined) text = render(ctx, text, `${flag}-tmpl`, releaseFields(ctx));
  if (text.trim() === "") ctx.log.warn("the notes file is empty", { file: where });
  return text;
}
