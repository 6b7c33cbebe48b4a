// `aurs`, with GoReleaser v2.15's keys and defaults.
import { z } from "zod";
import { commitAuthorSchema, list, text } from "../config.js";

export const aurSchema = z
  .looseObject({
    name: text("Package name (template); `-bin` is appended. @default the project name"),
    ids: list("Archive ids to use; empty means all."),
    goamd64: text("GOAMD64 of the amd64 archive to use. @default v1", "v1"),
    url_template: text("Download URL of each archive (template). @default the GitHub release asset URL"),
    homepage: text("Project homepage (template)."),
    description: text("One-line description (template)."),
    license: text("License."),
    maintainers: list("`# Maintainer:` lines."),
    contributors: list("`# Contributor:` lines."),
    provides: list("@default the project name"),
    conflicts: list("@default the project name"),
    depends: list(""),
    optdepends: list(""),
    backup: list(""),
    rel: text("pkgrel. @default 1", "1"),
    package: text("Body of package() (template). @default install the first binary into /usr/bin"),
    install: text("Content of the .install file (template)."),
    directory: text("Folder of the AUR repository the files go in. @default ."),
    git_url: text("The AUR repository, e.g. ssh://aur@aur.archlinux.org/tool-bin.git."),
    private_key: text("SSH private key: its text or a file path (template)."),
    git_ssh_command: text("Accepted for GoReleaser files; goship builds its own ssh command line."),
    skip_upload: text("true: write the files but never push them; auto: not for prereleases."),
    disable: text("true: skip this package (template)."),
    commit_author: commitAuthorSchema,
    commit_msg_template: text(
      "Commit message (template). @default Update to {{ .Tag }}",
      "Update to {{ .Tag }}",
    ),
  })
  .meta({ id: "Aur" });

export type AurConfig = z.output<typeof aurSchema>;
