// `goship check`: validate the config and print every problem; exit non-zero when it is invalid.
import path from "node:path";
import { createLogger } from "../../log/logger.js";
import { checkConfig } from "../../pipelines/check.js";
import { parse } from "../args.js";
import { helpText } from "../help.js";

export async function runCheck(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values } = parse(args, {
    dir: { type: "string" },
    config: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(helpText);
    return;
  }
  const config = await checkConfig({
    dir: values.dir,
    config: values.config === undefined ? undefined : path.resolve(values.config),
    logger: createLogger(),
    signal,
  });
  const targets = new Set(
    config.builds.flatMap((b) => b.targets.map((t) => [t.goos, t.goarch, t.level].join("/"))),
  );
  const what = config.file
    ? `${config.file} is valid`
    : "no config file: goship's zero-config defaults apply";
  process.stderr.write(
    `✓ ${what} (${config.builds.length} build(s), ${targets.size} target(s), ${config.archives.length} archive(s))\n`,
  );
}
