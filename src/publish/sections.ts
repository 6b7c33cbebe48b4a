// The publishing keys as config sections: the same names in goship.yaml and GoReleaser files.
import { z } from "zod";
import { defineSection } from "../config/section.js";
import {
  envFilesSchema,
  giteaUrlsSchema,
  githubUrlsSchema,
  gitlabUrlsSchema,
  releaseSchema,
} from "./config.js";

export const releaseSection = defineSection({
  key: "release",
  goship: releaseSchema,
  goreleaser: releaseSchema,
  resolve(user, facts) {
    for (const key of ["name_template", "header", "footer", "target_commitish"] as const) {
      const source = user?.[key];
      if (source) facts.template([key], source, "release");
    }
    return user;
  },
});

export const githubUrlsSection = defineSection({
  key: "github_urls",
  goship: githubUrlsSchema,
  goreleaser: githubUrlsSchema,
  resolve: (user) => user,
});
export const gitlabUrlsSection = defineSection({
  key: "gitlab_urls",
  goship: gitlabUrlsSchema,
  goreleaser: gitlabUrlsSchema,
  resolve: (user) => user,
});
export const giteaUrlsSection = defineSection({
  key: "gitea_urls",
  goship: giteaUrlsSchema,
  goreleaser: giteaUrlsSchema,
  resolve: (user) => user,
});
export const envFilesSection = defineSection({
  key: "env_files",
  goship: envFilesSchema,
  goreleaser: envFilesSchema,
  resolve: (user) => user,
});
export const forceTokenSection = defineSection({
  key: "force_token",
  goship: z
    .enum(["github", "gitlab", "gitea"])
    .meta({ description: "The forge to publish to when several tokens are set." }),
  goreleaser: z.string(),
  resolve: (user) => user,
});

export const publishingSections = [
  releaseSection,
  githubUrlsSection,
  gitlabUrlsSection,
  giteaUrlsSection,
  envFilesSection,
  forceTokenSection,
] as const;
