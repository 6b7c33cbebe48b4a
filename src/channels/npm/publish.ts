// Publishing a release's npm packages: platform packages first, then the main package that depends
// on them, each skipped when the registry already holds the same bytes under that version.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Exec, ExecError } from "../../process/exec.js";
import { NpmPublishError } from "../errors.js";
import { publishedIntegrity } from "./registry.js";

export interface NpmPublishTarball {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the `.tgz`. */
  readonly file: string;
  readonly integrity: string;
  readonly role: "main" | "platform";
}

export interface NpmPublishOptions {
  /** From the config; "" means npm's own configuration (npm_config_registry, .npmrc). */
  readonly registry: string;
  readonly tag: string;
  readonly access: "" | "public" | "restricted";
  readonly provenance: boolean;
  /** The directory whose project .npmrc npm reads (the module root). */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  readonly log?: (message: string, fields: Record<string, string>) => void;
  readonly fetch?: typeof fetch;
}

export interface NpmPublishResult {
  readonly name: string;
  readonly version: string;
  readonly outcome: "published" | "already published";
}

/** `npm publish <tgz>` argv: the tarball as built, never repacked by npm. */
export function npmPublishArgs(
  file: string,
  options: Pick<NpmPublishOptions, "tag" | "access" | "provenance">,
  registry: string,
  userconfig: string | undefined,
): string[] {
  return [
    "publish",
    file,
    "--registry",
    registry,
    "--tag",
    options.tag,
    ...(options.access ? ["--access", options.access] : []),
    ...(options.provenance ? ["--provenance"] : []),
    ...(userconfig ? ["--userconfig", userconfig] : []),
    "--no-audit",
    "--no-fund",
  ];
}

/** Platform packages before the main one, so no one can install a main package whose deps are missing. */
export function publishOrder(tarballs: readonly NpmPublishTarball[]): NpmPublishTarball[] {
  return [...tarballs].sort((a, b) => (a.role === b.role ? 0 : a.role === "platform" ? -1 : 1));
}

/** The registry npm itself would use: the config's, else `npm config get registry` in the module. */
export async function resolveRegistry(options: NpmPublishOptions): Promise<string> {
  const configured =
    options.registry ||
    (
      await options.exec("npm", ["config", "get", "registry"], { cwd: options.cwd, env: options.env })
    ).stdout.trim();
  return configured.replace(/\/?$/, "/");
}

/**
 * A user config holding the user's own settings plus `//host/path/:_authToken=${NPM_TOKEN}`: npm
 * expands the variable itself, so the token is written to no file and appears in no argv.
 */
async function tokenUserConfig(
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "goship-npmrc-"));
  const own = env.npm_config_userconfig ?? path.join(env.HOME ?? os.homedir(), ".npmrc");
  const existing = await readFile(own, "utf8").catch(() => "");
  const url = new URL(registry);
  const line = `//${url.host}${url.pathname}:_authToken=\${NPM_TOKEN}`;
  const file = path.join(dir, "npmrc");
  await writeFile(file, `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${line}\n`, {
    mode: 0o600,
  });
  return { dir, file };
}

export async function publishNpmTarballs(
  tarballs: readonly NpmPublishTarball[],
  options: NpmPublishOptions,
): Promise<NpmPublishResult[]> {
  const registry = await resolveRegistry(options);
  const token = options.env.NPM_TOKEN || undefined;
  const config = token ? await tokenUserConfig(registry, options.env) : undefined;
  const results: NpmPublishResult[] = [];
  try {
    for (const tarball of publishOrder(tarballs)) {
      const held = await publishedIntegrity(
        { registry, token, fetch: options.fetch },
        tarball.name,
        tarball.version,
      );
      if (held === tarball.integrity) {
        options.log?.("already published", { package: `${tarball.name}@${tarball.version}` });
        results.push({ name: tarball.name, version: tarball.version, outcome: "already published" });
        continue;
      }
      if (held !== undefined) {
        throw new NpmPublishError(
          `${tarball.name}@${tarball.version} is already in the registry with different contents; npm never replaces a version, so release a new version`,
          { details: { registry, published: held, built: tarball.integrity } },
        );
      }
      const args = npmPublishArgs(tarball.file, options, registry, config?.file);
      try {
        await options.exec("npm", args, { cwd: options.cwd, env: options.env });
      } catch (error) {
        if (!(error instanceof ExecError)) throw error;
        throw new NpmPublishError(
          `npm could not publish ${tarball.name}@${tarball.version}: check NPM_TOKEN (or the npm login) and the registry; a re-run skips what was already published`,
          { details: { registry }, output: error.output, cause: error },
        );
      }
      options.log?.("published", { package: `${tarball.name}@${tarball.version}`, registry });
      results.push({ name: tarball.name, version: tarball.version, outcome: "published" });
    }
  } finally {
    if (config) await rm(config.dir, { recursive: true, force: true });
  }
  return results;
}
