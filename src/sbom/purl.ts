// Package URLs for Go modules, as the purl spec's golang type writes them: the module path's
// segments percent-encoded one by one, the version after `@`, qualifiers sorted by key.

/** Percent-encodes a purl segment: letters, digits and `.-_~` stay, everything else is encoded. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface GoPurlOptions {
  readonly version?: string;
  /** Qualifiers such as goos/goarch/type; empty values are left out. */
  readonly qualifiers?: Readonly<Record<string, string | undefined>>;
  /** The package below the module (`cmd/api`). */
  readonly subpath?: string;
}

/** `pkg:golang/<module path>@<version>?<qualifiers>#<subpath>`. */
export function goPurl(modulePath: string, options: GoPurlOptions = {}): string {
  let purl = `pkg:golang/${modulePath.split("/").map(encodeSegment).join("/")}`;
  if (options.version) purl += `@${encodeSegment(options.version)}`;
  const qualifiers = Object.entries(options.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encodeSegment(value)}`);
  if (qualifiers.length > 0) purl += `?${qualifiers.join("&")}`;
  if (options.subpath) purl += `#${options.subpath.split("/").map(encodeSegment).join("/")}`;
  return purl;
}

/** The Go standard library at the toolchain's version, as syft and osv name it (`1.22.4`). */
export function stdlibPurl(goVersion: string): string {
  return `pkg:golang/stdlib@${encodeSegment(goVersion.replace(/^go/, ""))}`;
}
