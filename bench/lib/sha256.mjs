// SHA-256 of a file, for the same-output check (never inside a timed run).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export function sha256File(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
