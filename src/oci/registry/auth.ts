// Registry authentication: the WWW-Authenticate challenge, Basic credentials and bearer tokens.

/** What a user gave for a registry: a login, or an identity (refresh) token from `docker login`. */
export type Credential =
  | { readonly username: string; readonly password: string }
  | { readonly identityToken: string };

export interface Challenge {
  readonly scheme: "basic" | "bearer";
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (RFC 7235 auth-params, quoted or not). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] ?? "").toLowerCase();
  if (scheme !== "basic" && scheme !== "bearer") return undefined;
  const params: Record<string, string> = {};
  const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of (match[2] ?? "").matchAll(param)) {
    params[(m[1] ?? "").toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return { scheme, params };
}

export function basicHeader(credential: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`, "utf8").toString("base64")}`;
}

/** The token endpoint request for a bearer challenge (the distribution token spec, GET or OAuth2 POST). */
export function tokenRequest(
  challenge: Challenge,
  scopes: readonly string[],
  credential: Credential | undefined,
): { url: string; init: RequestInit } {
  const realm = challenge.params.realm;
  if (!realm) throw new Error("bearer challenge without realm");
  const url = new URL(realm);
  const service = challenge.params.service;
  if (credential && "identityToken" in credential) {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credential.identityToken,
    });
    if (service) form.set("service", service);
    form.set("client_id", "goship");
    form.set("scope", scopes.join(" "));
    return {
      url: url.toString(),
      init: { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } },
    };
  }
  if (service) url.searchParams.set("service", service);
  for (const scope of scopes) url.searchParams.append("scope", scope);
  const headers: Record<string, string> = {};
  if (credential) headers.authorization = basicHeader(credential);
  return { url: url.toString(), init: { method: "GET", headers } };
}

/** The token of a token-endpoint answer (`token` in the distribution spec, `access_token` in OAuth2). */
export function tokenOf(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const token = record.token ?? record.access_token;
  return typeof token === "string" && token !== "" ? token : undefined;
}
