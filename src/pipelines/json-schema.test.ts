// schema.json is generated from config/schema.ts and the formats' sections; this test fails when it is stale and rewrites it
// with GOSHIP_UPDATE_SCHEMA=1 (`npm run schema`).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { goshipJsonSchema } from "./pipelines.js";

const file = path.resolve(import.meta.dirname, "../../schema.json");

it("schema.json is generated from the config schema and up to date", () => {
  const text = `${JSON.stringify(goshipJsonSchema(), null, 2)}\n`;
  if (process.env.GOSHIP_UPDATE_SCHEMA) writeFileSync(file, text);
  const committed = readFileSync(file, "utf8");
  expect(committed, "schema.json is stale: run `npm run schema` and commit it").toBe(text);
});
