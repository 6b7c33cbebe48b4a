// What the npm registry already holds: one GET of the packument, retried a bounded number of times
// on server errors, rate limits and dropped connections, so a re-run can skip what it published.
import { NpmPublishError } from "../errors.js";

export interface RegistryAccess {
  /** Registry base URL with a trailing slash. */
  readonly registry: string;
  /** Bearer token, or undefined for anonymous reads. Never logged. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
  /** Attempts for one request. @default 4 */
  readonly attempts?: number;
  /** Delay before the first retry, doubled each time. @default 500 */
  readonly backoffMs?: number;
}

/** `@acme/tool` → `@acme%2ftool`, the form registries serve packuments under. */
export function packumentUrl(registry: string, name: string): string {
  return `${registry.replace(/\/?$/, "/")}${encodeURIComponent(name).replace(/^%40/, "@")}`;
}

const retryable = (status: number) => status === 429 || status >= 500;

/** `dist.integrity` of `name@version` in the registry, or undefined when that version is absent. */
export async function publishedIntegrity(
  access: RegistryAccess,
  name: string,
  version: string,
): Promise<string | undefined> {
  const doFetch = access.fetch ?? fetch;
  const attempts = access.attempts ?? 4;
  const url = packumentUrl(access.registry, name);
  let lastProblem = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, (access.backoffMs ?? 500) * 2 ** (attempt - 2)));
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: {
          accept: "application/json",
          ...(access.token ? { authorization: `Bearer ${access.token}` } : {}),
        },
      });
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (response.status === 404) return undefined;
    if (retryable(response.status)) {
      lastProblem = `HTTP ${response.status}`;
      continue;
    }
    if (!response.ok) {
      throw new NpmPublishError(
        `the registry answered HTTP ${response.status} for ${name}: check the registry URL and that NPM_TOKEN may read the package`,
        { details: { registry: access.registry } },
      );
    }
    const packument = (await response.json()) as {
      versions?: Record<string, { dist?: { integrity?: string } }>;
    };
    const found = packument.versions?.[version];
    return found ? (found.dist?.integrity ?? "") : undefined;
  }
  throw new NpmPublishError(
    `the registry could not be read after ${attempts} attempts (${lastProblem}); run the release again later, published packages are skipped`,
    { details: { registry: access.registry, package: name } },
  );
}
