// The bytes of a JSON document goship writes: two-space indent, key order as built, final newline.
export function formatJson(value: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
}
