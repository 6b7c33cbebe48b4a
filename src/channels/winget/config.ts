// `winget`, with GoReleaser v2.15's keys. Manifests are written to dist; a pull request to
// microsoft/winget-pkgs needs a forge, so goship does not submit them.
import { z } from "zod";
import { commitAuthorSchema, list, repositorySchema, text } from "../config.js";

export const wingetSchema = z
  .looseObject({
    name: text("Package name and moniker (template). @default the project name"),
    package_name: text("Display name (template). @default name"),
    package_identifier: text("Publisher.Name id. @default the publisher without spaces + . + name"),
    publisher: text("Publisher (template); required."),
    publisher_url: text(""),
    publisher_support_url: text(""),
    privacy_url: text(""),
    author: text(""),
    copyright: text(""),
    copyright_url: text(""),
    license: text("License (template); required."),
    license_url: text(""),
    short_description: text("One-line description (template); required."),
    description: text(""),
    homepage: text(""),
    release_notes: text("Release notes (template)."),
    release_notes_url: text(""),
    installation_notes: text(""),
    tags: list("Tags, lower-cased with spaces as dashes."),
    ids: list("Archive ids to use; empty means all."),
    goamd64: text("GOAMD64 of the amd64 archive to use. @default v1", "v1"),
    url_template: text("Download URL of each archive (template). @default the GitHub release asset URL"),
    path: text("Folder of the manifests. @default manifests/<first letter>/<id as folders>/<version>"),
    dependencies: z
      .array(z.looseObject({ package_identifier: text(""), minimum_version: text("") }))
      .default([]),
    skip_upload: text(""),
    commit_author: commitAuthorSchema,
    commit_msg_template: text("", "New version: {{ .PackageIdentifier }} {{ .Version }}"),
    repository: repositorySchema,
  })
  .meta({ id: "Winget" });

export type WingetConfig = z.output<typeof wingetSchema>;
