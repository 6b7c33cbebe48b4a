// `goship rebuild <dist|checksums.txt>`: flags → rebuildRelease() → report; non-zero unless every
// artifact was reproduced.
import { UsageError } from "../../errors.js";
import { createLogger } from "../../log/logger.js";
import { rebuildRelease } from "../../reproduce/rebuild-release.js";
import { reportError, reportJson } from "../../reproduce/report.js";
import { parse, parsePositiveInt } from "../args.js";
import { helpText } from "../help.js";

const rebuildFlags = {
  ref: { type: "string" },
  dir: { type: "string" },
  parallelism: { type: "string" },
  diffoscope: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function runRebuildCommand(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values, positionals } = parse(args, rebuildFlags, true);
  if (values.help) {
    process.stdout.write(helpText);
    return;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      "goship rebuild needs one published release: its dist directory or its checksums.txt",
    );
  }
  if (values.ref?.startsWith("-"))
    throw new UsageError(`--ref must name a tag or commit, not "${values.ref}"`);
  const { report } = await rebuildRelease({
    release: positionals[0]!,
    ref: values.ref,
    dir: values.dir,
    parallelism:
      values.parallelism === undefined ? undefined : parsePositiveInt(values.parallelism, "--parallelism"),
    diffoscope: values.diffoscope ?? false,
    logger: createLogger(),
    signal,
  });
  if (values.json) process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
  if (report.verdict !== "reproduced") throw reportError(report, {});
}
