// goship's own version, read from package.json (one level above both src/ and the compiled dist/).
import { readFileSync } from "node:fs";

export const goshipVersion: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
