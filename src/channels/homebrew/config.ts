// `homebrew_casks` and `brews`, with GoReleaser v2.15's keys and defaults.
import { z } from "zod";
import {
  commitAuthorSchema,
  list,
  repositorySchema,
  scalar,
  scalarList,
  stringMap,
  text,
} from "../config.js";

const uninstallSchema = z
  .looseObject({
    launchctl: list("launchctl jobs to remove."),
    quit: list("Bundle ids of apps to quit."),
    login_item: list("Login items to remove."),
    delete: list("Paths to delete."),
    trash: list("Paths to move to the trash."),
  })
  .default({ launchctl: [], quit: [], login_item: [], delete: [], trash: [] });

const hookPair = z
  .looseObject({
    install: text("Ruby run at install (template)."),
    uninstall: text("Ruby run at uninstall (template)."),
  })
  .default({ install: "", uninstall: "" });

export const caskSchema = z
  .looseObject({
    name: text("Cask name (template). @default the project name"),
    ids: list("Archive ids to use; empty means all."),
    directory: text("Folder of the tap the cask goes in. @default Casks", "Casks"),
    binary: text("Deprecated: use binaries."),
    binaries: list("Binaries to link. @default the cask name"),
    manpage: text("Deprecated: use manpages."),
    manpages: list("Manpage globs, matched against the archives' files (template)."),
    completions: z
      .looseObject({ bash: text(""), zsh: text(""), fish: text("") })
      .default({ bash: "", zsh: "", fish: "" }),
    generate_completions_from_executable: z
      .looseObject({
        executable: text(""),
        args: list(""),
        base_name: text(""),
        shell_parameter_format: text(""),
        shells: list(""),
      })
      .default({ executable: "", args: [], base_name: "", shell_parameter_format: "", shells: [] }),
    service: text("A launchd service stanza."),
    hooks: z.looseObject({ pre: hookPair, post: hookPair }).default({
      pre: { install: "", uninstall: "" },
      post: { install: "", uninstall: "" },
    }),
    uninstall: uninstallSchema,
    zap: uninstallSchema,
    caveats: text("Text shown after install."),
    conflicts: z.array(z.looseObject({ cask: scalar.optional(), formula: scalar.optional() })).default([]),
    dependencies: z.array(z.looseObject({ cask: scalar.optional(), formula: scalar.optional() })).default([]),
    url: z
      .looseObject({
        template: text("Download URL of each archive (template). @default the GitHub release asset URL"),
        verified: text(""),
        using: text(""),
        cookies: stringMap.default({}),
        referer: text(""),
        headers: list(""),
        user_agent: text(""),
        data: stringMap.default({}),
      })
      .default({
        template: "",
        verified: "",
        using: "",
        cookies: {},
        referer: "",
        headers: [],
        user_agent: "",
        data: {},
      }),
    homepage: text("Project homepage."),
    description: text("One-line description."),
    custom_block: text("Ruby inserted at the top of the cask."),
    commit_author: commitAuthorSchema,
    commit_msg_template: text(
      "Commit message (template). @default Brew cask update for {{ .ProjectName }} version {{ .Tag }}",
      "Brew cask update for {{ .ProjectName }} version {{ .Tag }}",
    ),
    skip_upload: text("true: write the cask but never push it; auto: not for prereleases."),
    repository: repositorySchema,
  })
  .meta({ id: "HomebrewCask" });

export const formulaSchema = z
  .looseObject({
    name: text("Formula name (template). @default the project name"),
    ids: list("Archive ids to use; empty means all."),
    goarm: text("GOARM of the arm archive to use. @default 6", "6"),
    goamd64: text("GOAMD64 of the amd64 archive to use. @default v1", "v1"),
    url_template: text("Download URL of each archive (template). @default the GitHub release asset URL"),
    url_headers: list("HTTP headers sent when downloading."),
    download_strategy: text("Homebrew download strategy class."),
    custom_require: text("File required before the class (for a custom download strategy)."),
    directory: text("Folder of the tap the formula goes in."),
    caveats: text("Text shown after install."),
    homepage: text("Project homepage."),
    description: text("One-line description."),
    license: text("SPDX license."),
    skip_upload: text("true: write the formula but never push it; auto: not for prereleases."),
    custom_block: text("Ruby inserted in the class."),
    dependencies: z
      .array(
        z.union([
          scalar.transform((name) => ({ name, type: "", version: "", os: "" })),
          z.looseObject({ name: scalar, type: text(""), version: text(""), os: text("") }),
        ]),
      )
      .default([]),
    conflicts: scalarList.default([]),
    post_install: text("Ruby run after install."),
    extra_install: text("Install lines added to the guessed ones (template)."),
    install: text("Install lines (template). @default bin.install of each binary"),
    test: text("The formula's test block."),
    service: text("The formula's service block."),
    commit_author: commitAuthorSchema,
    commit_msg_template: text(
      "Commit message (template). @default Brew formula update for {{ .ProjectName }} version {{ .Tag }}",
      "Brew formula update for {{ .ProjectName }} version {{ .Tag }}",
    ),
    repository: repositorySchema,
  })
  .meta({ id: "HomebrewFormula" });

export type CaskConfig = z.output<typeof caskSchema>;
export type FormulaConfig = z.output<typeof formulaSchema>;
