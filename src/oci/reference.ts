// Image references as Docker reads them: `[registry/]repository[:tag][@digest]`.
import { ImageReferenceError } from "./errors.js";

export interface ImageReference {
  /** Host[:port] as written, `docker.io` when none was. */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB = "docker.io";
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses a reference; the first part is a registry when it has a dot, a port or is `localhost`. */
export function parseReference(text: string): ImageReference {
  const input = text.trim();
  if (input === "") throw new ImageReferenceError(text, "it is empty");
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest))
      throw new ImageReferenceError(text, "the digest is not sha256:<64 hex>");
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ImageReferenceError(text, `the tag ${JSON.stringify(tag)} is not valid`);
  }
  const parts = rest.split("/");
  let registry = DOCKER_HUB;
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    parts.shift();
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  for (const part of parts) {
    if (!COMPONENT.test(part)) {
      throw new ImageReferenceError(
        text,
        `${JSON.stringify(part)} is not a valid repository part (lower case, digits, . _ -)`,
      );
    }
  }
  return { registry, repository: parts.join("/"), tag, digest };
}

export function formatReference(ref: ImageReference): string {
  const tail = ref.digest ? `@${ref.digest}` : ref.tag ? `:${ref.tag}` : "";
  return `${ref.registry}/${ref.repository}${tail}`;
}

/** The name without tag or digest. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The API host: Docker Hub's registry answers on registry-1.docker.io. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}

/** Plain HTTP only for the loopback host, as Docker and crane treat it; TLS everywhere else. */
export function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
