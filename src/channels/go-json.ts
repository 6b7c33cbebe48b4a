// JSON as Go's encoding/json writes it with MarshalIndent: GoReleaser's manifests are made that
// way, and matching its bytes keeps a bucket's history free of whitespace-only changes.

/** JSON.stringify plus Go's HTML-safe escapes (<, >, & and the two JavaScript line separators). */
export function goJson(value: unknown, indent: string): string {
  return JSON.stringify(value, null, indent).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}
