// `goship schema`: the JSON schema of goship.yaml, for editors.
import { goshipJsonSchema } from "../../pipelines/pipelines.js";

export async function runSchema(): Promise<void> {
  process.stdout.write(`${JSON.stringify(goshipJsonSchema(), null, 2)}\n`);
}
