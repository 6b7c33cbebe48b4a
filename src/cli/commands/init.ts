// `goship init [--from-goreleaser]`: write a commented goship.yaml; never overwrite one.
import path from "node:path";
import { createLogger } from "../../log/logger.js";
import { initConfig } from "../../pipelines/check.js";
import { parse } from "../args.js";
import { helpText } from "../help.js";

export async function runInit(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values } = parse(args, {
    dir: { type: "string" },
    "from-goreleaser": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(helpText);
    return;
  }
  const { file, notes } = await initConfig({
    dir: values.dir,
    fromGoreleaser: values["from-goreleaser"] ?? false,
    logger: createLogger(),
    signal,
  });
  process.stderr.write(`✓ wrote ${path.relative(process.cwd(), file) || file}\n`);
  for (const note of notes) process.stderr.write(`  note: ${note}\n`);
}
