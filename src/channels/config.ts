// Config pieces every install channel shares, with GoReleaser's key names: the repository a
// manifest is committed to, the commit author and message, and YAML scalars read as Go reads them.
import { z } from "zod";

/** yaml.v3 decodes any scalar into a Go string field: 6 → "6", true → "true". */
export const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
export const scalarList = z.array(scalar);
export const text = (description: string, fallback = "") => scalar.default(fallback).meta({ description });
export const list = (description: string) => scalarList.default([]).meta({ description });
export const stringMap = z.record(z.string(), scalar);

export const repositorySchema = z
  .looseObject({
    owner: text("Owner of the repository (template)."),
    name: text("Name of the repository (template); the channel is skipped while it is empty."),
    branch: text("Branch to commit to; created from the default branch when missing (template)."),
    token: text("Token for the forge API (template); unused with git.url."),
    git: z
      .looseObject({
        url: text("Any URL git can push to: ssh://, https://, file:// or a local path (template)."),
        private_key: text("SSH private key: its text or a file path (template, e.g. '{{ .Env.TAP_KEY }}')."),
        ssh_command: text("Accepted for GoReleaser files; goship builds its own ssh command line."),
      })
      .default({ url: "", private_key: "", ssh_command: "" }),
    pull_request: z
      .looseObject({
        enabled: z.boolean().default(false),
        draft: z.boolean().default(false),
        base: z.looseObject({ owner: text(""), name: text(""), branch: text("") }).optional(),
      })
      .default({ enabled: false, draft: false })
      .meta({ description: "Open a pull request instead of pushing: needs a forge API. @default disabled" }),
  })
  .default({
    owner: "",
    name: "",
    branch: "",
    token: "",
    git: { url: "", private_key: "", ssh_command: "" },
    pull_request: { enabled: false, draft: false },
  });

export const commitAuthorSchema = z
  .looseObject({
    name: text("Commit author name. @default goshipbot", "goshipbot"),
    email: text("Commit author email. @default bot@goship.invalid", "bot@goship.invalid"),
  })
  .default({ name: "goshipbot", email: "bot@goship.invalid" });

export type Repository = z.output<typeof repositorySchema>;
export type CommitAuthor = z.output<typeof commitAuthorSchema>;

/** GoReleaser's default download URL for an asset of a GitHub release. */
export function githubDownloadTemplate(owner: string, name: string, server = "https://github.com"): string {
  return `${server}/${owner}/${name}/releases/download/{{ urlPathEscape .Tag }}/{{ .ArtifactName }}`;
}

/** `git@github.com:acme/tool.git`, `https://github.com/acme/tool` → { owner: acme, name: tool }. */
export function ownerAndName(remoteUrl: string): { owner: string; name: string } | undefined {
  const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(remoteUrl.trim());
  return match?.[1] && match[2] ? { owner: match[1], name: match[2] } : undefined;
}
