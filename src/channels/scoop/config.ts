// `scoops`, with GoReleaser v2.15's keys and defaults.
import { z } from "zod";
import { commitAuthorSchema, list, repositorySchema, scalarList, text } from "../config.js";

export const scoopSchema = z
  .looseObject({
    name: text("Manifest name (template). @default the project name"),
    ids: list("Archive ids to use; empty means all."),
    goamd64: text("GOAMD64 of the amd64 archive to use. @default v1", "v1"),
    url_template: text("Download URL of each archive (template). @default the GitHub release asset URL"),
    directory: text("Folder of the bucket the manifest goes in. @default the bucket's root"),
    homepage: text("Project homepage (template); Scoop requires it."),
    description: text("One-line description (template)."),
    license: text("SPDX license; Scoop requires it."),
    skip_upload: text("true: write the manifest but never push it; auto: not for prereleases."),
    persist: list("Paths kept between updates."),
    pre_install: list("PowerShell lines run before install."),
    post_install: list("PowerShell lines run after install."),
    depends: list("Apps this one needs."),
    shortcuts: z.array(scalarList).default([]).meta({ description: "Start-menu shortcuts: [target, name]." }),
    commit_author: commitAuthorSchema,
    commit_msg_template: text(
      "Commit message (template). @default Scoop update for {{ .ProjectName }} version {{ .Tag }}",
      "Scoop update for {{ .ProjectName }} version {{ .Tag }}",
    ),
    repository: repositorySchema,
  })
  .meta({ id: "Scoop" });

export type ScoopConfig = z.output<typeof scoopSchema>;
