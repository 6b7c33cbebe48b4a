// Registry credentials read as Docker reads them: config.json `auths`, `credHelpers`, `credsStore`.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Exec } from "../../process/exec.js";
import { RegistryAuthError } from "../errors.js";
import type { Credential } from "./auth.js";

export interface DockerConfig {
  readonly auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  readonly credHelpers?: Record<string, string>;
  readonly credsStore?: string;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; no file means anonymous access. */
export async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfig> {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), ".docker");
  const file = path.join(dir, "config.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    // The file holds secrets: name it, never quote it.
    throw new RegistryAuthError(`${file} is not valid JSON; fix it or point DOCKER_CONFIG elsewhere`);
  }
}

/** Docker Hub's credentials are stored under its v1 index URL. */
const HUB_KEYS = ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];

/** `https://host/v1/` and `host` name the same registry in config.json. */
function hostOf(key: string): string {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}

function matches(key: string, registry: string): boolean {
  if (registry === "docker.io") return HUB_KEYS.includes(key) || HUB_KEYS.includes(hostOf(key));
  return hostOf(key) === registry;
}

function lookup<T>(table: Record<string, T> | undefined, registry: string): T | undefined {
  if (!table) return undefined;
  const key = Object.keys(table)
    .sort()
    .find((k) => matches(k, registry));
  return key === undefined ? undefined : table[key];
}

/** A static `auths` entry: base64 `user:password`, separate fields, or an identity token. */
export function staticCredential(config: DockerConfig, registry: string): Credential | undefined {
  const entry = lookup(config.auths, registry);
  if (!entry) return undefined;
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** The helper Docker would ask: `credHelpers[registry]`, else `credsStore`. */
export function helperFor(config: DockerConfig, registry: string): string | undefined {
  return lookup(config.credHelpers, registry) ?? config.credsStore ?? undefined;
}

/** Runs `docker-credential-<helper> get` with the server on stdin, as Docker does. */
export async function helperCredential(
  exec: Exec,
  helper: string,
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  const server = registry === "docker.io" ? "https://index.docker.io/v1/" : registry;
  const command = `docker-credential-${helper}`;
  const result = await exec(command, ["get"], { cwd: os.tmpdir(), env, input: server, allowFailure: true });
  if (result.exitCode !== 0) {
    // "credentials not found" is the helper's way of saying: anonymous.
    if (/not found/i.test(result.stdout + result.stderr)) return undefined;
    throw new RegistryAuthError(
      `${command} failed for ${registry} (exit ${result.exitCode}); check that helper's login`,
      {
        details: { registry },
      },
    );
  }
  let parsed: { Username?: string; Secret?: string };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    throw new RegistryAuthError(`${command} printed something that is not JSON for ${registry}`, {
      details: { registry },
    });
  }
  if (!parsed.Secret) return undefined;
  if (parsed.Username === "<token>") return { identityToken: parsed.Secret };
  return { username: parsed.Username ?? "", password: parsed.Secret };
}

/** Credentials for a registry: a helper when one is configured, else a static entry, else none. */
export async function credentialFor(
  config: DockerConfig,
  registry: string,
  exec: Exec,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  const helper = helperFor(config, registry);
  if (helper) {
    const fromHelper = await helperCredential(exec, helper, registry, env);
    if (fromHelper) return fromHelper;
  }
  return staticCredential(config, registry);
}
