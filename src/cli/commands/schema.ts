// `goship schema`: the JSON schema of goship.yaml, for editors.
import { goshipJsonSchema } from "../../pipelines/pipelines.js";
import { parse } from "../args.js";

export const schemaHelp = `Usage: goship schema

Prints the JSON schema of goship.yaml (the same as schema.json), for editors and validators:
  goship schema > goship.schema.json
`;

export async function runSchema(args: readonly string[] = []): Promise<void> {
  const { values } = parse(args, { help: { type: "boolean", short: "h" } });
  process.stdout.write(values.help ? schemaHelp : `${JSON.stringify(goshipJsonSchema(), null, 2)}\n`);
}
