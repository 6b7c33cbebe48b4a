// `goship schema`: the JSON schema of goship.yaml, for editors.
import { configJsonSchema } from "../../config/schema.js";

export async function runSchema(): Promise<void> {
  process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
}
