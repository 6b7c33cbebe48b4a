// The keys GoReleaser's strict YAML decoding accepts, as a tree, and the walk that finds the
// others. Only keys are checked: values keep whatever forms GoReleaser's own unmarshalers take.

/** 0: anything (a scalar, or keys GoReleaser does not check); k: an object; e: list items; m: map values. */
export type KeyTree =
  | 0
  | { readonly k: Readonly<Record<string, KeyTree>> }
  | { readonly e: KeyTree }
  | { readonly m: KeyTree };

/** Calls `unknown` for each key of `value` that `tree` does not have, with its path. */
export function findUnknownKeys(
  value: unknown,
  tree: KeyTree,
  at: readonly PropertyKey[],
  unknown: (at: readonly PropertyKey[], key: string, known: readonly string[]) => void,
): void {
  if (tree === 0 || value === null || typeof value !== "object") return;
  if ("e" in tree) {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) findUnknownKeys(item, tree.e, [...at, i], unknown);
    }
    return;
  }
  if (Array.isArray(value)) return;
  const entries = Object.entries(value as Record<string, unknown>);
  if ("m" in tree) {
    for (const [key, item] of entries) findUnknownKeys(item, tree.m, [...at, key], unknown);
    return;
  }
  for (const [key, item] of entries) {
    const child = tree.k[key];
    if (child === undefined) unknown(at, key, Object.keys(tree.k));
    else findUnknownKeys(item, child, [...at, key], unknown);
  }
}
