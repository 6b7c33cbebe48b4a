// The publishing config: GoReleaser's `release`, `github_urls`, `gitlab_urls`, `gitea_urls`,
// `env_files` and `force_token` keys, with GoReleaser's defaults.
import { z } from "zod";
import type { ReleaseNotesMode } from "../changelog/notes.js";

const boolOrTemplate = z.union([z.boolean(), z.string()]);
const repoSchema = z
  .strictObject({
    owner: z.string().optional().meta({ description: "Owner (user, organisation or group path)." }),
    name: z.string().optional().meta({ description: "Repository name." }),
  })
  .meta({ description: "The repository; @default the `origin` remote's owner and name" });

export const releaseSchema = z
  .strictObject({
    github: repoSchema.optional(),
    gitlab: repoSchema.optional(),
    gitea: repoSchema.optional(),
    draft: z.boolean().optional().meta({ description: "Leave the release a draft. @default false" }),
    replace_existing_draft: z
      .boolean()
      .optional()
      .meta({ description: "With draft: delete an existing draft for the tag first. @default false" }),
    use_existing_draft: z.boolean().optional().meta({
      description:
        "Reuse an existing draft for the tag (goship always does: a re-run finds its own draft by tag). @default false",
    }),
    target_commitish: z
      .string()
      .optional()
      .meta({ description: "Where a missing tag is created (template). @default the release commit" }),
    disable: boolOrTemplate
      .optional()
      .meta({ description: "Publish no release (bool or template). @default false" }),
    skip_upload: boolOrTemplate
      .optional()
      .meta({ description: "Create or update the release but upload nothing. @default false" }),
    prerelease: z.string().optional().meta({
      description: '"auto" marks tags with a pre-release part (v1.0.0-rc.1); "true" always. @default ""',
    }),
    make_latest: boolOrTemplate
      .optional()
      .meta({ description: 'GitHub: "true", "false" or "legacy" (template). @default GitHub\'s choice' }),
    name_template: z
      .string()
      .optional()
      .meta({ description: 'Release title (template). @default "{{.Tag}}"' }),
    ids: z
      .array(z.string())
      .optional()
      .meta({ description: "Only upload artifacts of these build/archive ids." }),
    extra_files: z
      .array(
        z.strictObject({
          glob: z.string().meta({ description: "Files to upload as well, relative to the module root." }),
          name_template: z
            .string()
            .optional()
            .meta({ description: "Asset name (template). @default the file name" }),
        }),
      )
      .optional(),
    discussion_category_name: z
      .string()
      .optional()
      .meta({ description: "GitHub: start a discussion in this category." }),
    header: z.string().optional().meta({ description: "Text before the release notes (template)." }),
    footer: z.string().optional().meta({ description: "Text after the release notes (template)." }),
    mode: z
      .enum(["keep-existing", "append", "prepend", "replace"])
      .optional()
      .meta({ description: 'How notes merge with an existing release\'s body. @default "keep-existing"' }),
    replace_existing_artifacts: z.boolean().optional().meta({
      description:
        "Replace an asset of the same name with different bytes instead of failing. @default false",
    }),
    include_meta: z
      .boolean()
      .optional()
      .meta({ description: "Upload metadata.json and artifacts.json too. @default false" }),
  })
  .meta({ id: "Release", description: "The GitHub, GitLab or Gitea release `goship publish` makes." });

const urlFields = {
  api: z.string().optional().meta({ description: "API root (template)." }),
  download: z.string().optional().meta({ description: "Where assets are downloaded from (template)." }),
  skip_tls_verify: z.boolean().optional().meta({ description: "Accept any TLS certificate. @default false" }),
};

export const githubUrlsSchema = z
  .strictObject({
    ...urlFields,
    upload: z.string().optional().meta({ description: "Upload root (template)." }),
  })
  .meta({ description: "GitHub Enterprise (or a compatible server). @default api.github.com" });
export const gitlabUrlsSchema = z
  .strictObject({
    ...urlFields,
    use_package_registry: z
      .boolean()
      .optional()
      .meta({ description: "Store assets in the generic package registry." }),
    use_job_token: z.boolean().optional().meta({ description: "Authenticate with CI_JOB_TOKEN." }),
  })
  .meta({ description: "A self-hosted GitLab. @default gitlab.com" });
export const giteaUrlsSchema = z
  .strictObject(urlFields)
  .meta({ description: "The Gitea server (api is required for Gitea)." });
export const envFilesSchema = z
  .strictObject({
    github_token: z.string().optional(),
    gitlab_token: z.string().optional(),
    gitea_token: z.string().optional(),
  })
  .meta({ description: "Files holding the tokens. @default ~/.config/goreleaser/<forge>_token" });

export type Forge = "github" | "gitlab" | "gitea";

export interface Repo {
  readonly owner: string;
  readonly name: string;
}

export interface ResolvedRelease {
  readonly repos: Readonly<Partial<Record<Forge, Repo>>>;
  readonly draft: boolean;
  readonly replaceExistingDraft: boolean;
  readonly targetCommitish: string;
  readonly disable: string;
  readonly skipUpload: string;
  readonly prerelease: string;
  readonly makeLatest: string;
  readonly nameTemplate: string;
  readonly ids: readonly string[];
  readonly extraFiles: ReadonlyArray<{ readonly glob: string; readonly nameTemplate: string }>;
  readonly discussionCategory: string;
  readonly header: string;
  readonly footer: string;
  readonly mode: ReleaseNotesMode;
  readonly replaceExistingArtifacts: boolean;
  readonly includeMeta: boolean;
}

export interface ForgeUrls {
  readonly api: string;
  readonly upload: string;
  readonly download: string;
  readonly skipTlsVerify: boolean;
}

export interface ResolvedPublishing {
  readonly release: ResolvedRelease;
  readonly urls: Readonly<Record<Forge, ForgeUrls>>;
  readonly envFiles: Readonly<Record<Forge, string>>;
  readonly forceToken: string;
}

export interface PublishingInput {
  readonly release?: z.infer<typeof releaseSchema>;
  readonly github_urls?: z.infer<typeof githubUrlsSchema>;
  readonly gitlab_urls?: z.infer<typeof gitlabUrlsSchema>;
  readonly gitea_urls?: z.infer<typeof giteaUrlsSchema>;
  readonly env_files?: z.infer<typeof envFilesSchema>;
  readonly force_token?: string;
}

const str = (value: boolean | string | undefined) => (value === undefined ? "" : String(value));

export function resolvePublishing(user: PublishingInput): ResolvedPublishing {
  const r = user.release ?? {};
  const repos: Partial<Record<Forge, Repo>> = {};
  for (const forge of ["github", "gitlab", "gitea"] as const) {
    const repo = r[forge];
    if (repo?.owner || repo?.name) repos[forge] = { owner: repo.owner ?? "", name: repo.name ?? "" };
  }
  const gh = user.github_urls ?? {};
  const gl = user.gitlab_urls ?? {};
  const gt = user.gitea_urls ?? {};
  const giteaApi = gt.api ?? "";
  return {
    release: {
      repos,
      draft: r.draft ?? false,
      replaceExistingDraft: r.replace_existing_draft ?? false,
      targetCommitish: r.target_commitish ?? "",
      disable: str(r.disable),
      skipUpload: str(r.skip_upload),
      prerelease: r.prerelease ?? "",
      makeLatest: str(r.make_latest),
      nameTemplate: r.name_template ?? "{{.Tag}}",
      ids: r.ids ?? [],
      extraFiles: (r.extra_files ?? []).map((f) => ({ glob: f.glob, nameTemplate: f.name_template ?? "" })),
      discussionCategory: r.discussion_category_name ?? "",
      header: r.header ?? "",
      footer: r.footer ?? "",
      mode: r.mode ?? "keep-existing",
      replaceExistingArtifacts: r.replace_existing_artifacts ?? false,
      includeMeta: r.include_meta ?? false,
    },
    urls: {
      github: {
        api: gh.api ?? "https://api.github.com/",
        upload: gh.upload ?? "https://uploads.github.com/",
        download: gh.download ?? "https://github.com",
        skipTlsVerify: gh.skip_tls_verify ?? false,
      },
      gitlab: {
        api: gl.api ?? "https://gitlab.com/api/v4",
        upload: "",
        download: gl.download ?? "https://gitlab.com",
        skipTlsVerify: gl.skip_tls_verify ?? false,
      },
      gitea: {
        api: giteaApi,
        upload: "",
        // GoReleaser: the API URL without its /api/v1.
        download: gt.download ?? giteaApi.replace(/\/api\/v1\/?$/, ""),
        skipTlsVerify: gt.skip_tls_verify ?? false,
      },
    },
    envFiles: {
      github: user.env_files?.github_token ?? "~/.config/goreleaser/github_token",
      gitlab: user.env_files?.gitlab_token ?? "~/.config/goreleaser/gitlab_token",
      gitea: user.env_files?.gitea_token ?? "~/.config/goreleaser/gitea_token",
    },
    forceToken: (user.force_token ?? "").toLowerCase(),
  };
}
