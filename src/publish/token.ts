// Which forge a release goes to, and its token: from GITHUB_TOKEN / GITLAB_TOKEN / GITEA_TOKEN,
// else from the env_files, as GoReleaser reads them.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Forge, ResolvedPublishing } from "./config.js";
import { MissingTokenError, PublishConfigError } from "./errors.js";

export const tokenVariables: Readonly<Record<Forge, string>> = {
  github: "GITHUB_TOKEN",
  gitlab: "GITLAB_TOKEN",
  gitea: "GITEA_TOKEN",
};

export const forgeNames: Readonly<Record<Forge, string>> = {
  github: "GitHub",
  gitlab: "GitLab",
  gitea: "Gitea",
};

/**
 * The forge: `force_token` (or GORELEASER_FORCE_TOKEN), else the one `release` names, else the one
 * whose token variable is set, else GitHub. Two candidates without a choice is an error.
 */
export function chooseForge(config: ResolvedPublishing, env: NodeJS.ProcessEnv): Forge {
  const forced = config.forceToken || (env.GORELEASER_FORCE_TOKEN ?? "").toLowerCase();
  if (forced === "github" || forced === "gitlab" || forced === "gitea") return forced;
  const configured = Object.keys(config.release.repos) as Forge[];
  if (configured.length > 1)
    throw new PublishConfigError(
      `release configures ${configured.join(" and ")}; a release goes to one forge, keep one of them`,
    );
  if (configured[0]) return configured[0];
  const withToken = (Object.keys(tokenVariables) as Forge[]).filter((f) => env[tokenVariables[f]]);
  if (withToken.length > 1)
    throw new PublishConfigError(
      `${withToken.map((f) => tokenVariables[f]).join(" and ")} are both set; unset one, or set force_token: github|gitlab|gitea`,
    );
  return withToken[0] ?? "github";
}

/** The token for `forge`; a missing one is an error before anything is sent. */
export async function loadToken(
  forge: Forge,
  config: ResolvedPublishing,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const variable = tokenVariables[forge];
  const fromEnv = env[variable]?.trim();
  if (fromEnv) return fromEnv;
  const file = config.envFiles[forge].replace(/^~(?=$|\/)/, env.HOME ?? os.homedir());
  try {
    const text = (await readFile(path.resolve(file), "utf8")).trim();
    if (text !== "") return text;
  } catch {
    // A missing file is the same as no token, reported below.
  }
  throw new MissingTokenError(forgeNames[forge], variable, `${forge}_token`);
}
