// `goship merge <part>...`: the parts of a sharded release → one release, as one machine makes it.
import path from "node:path";
import { UsageError } from "../../errors.js";
import { createLogger } from "../../log/logger.js";
import { merge } from "../../release.js";
import { parse } from "../args.js";
import { formatSummary, summaryJson } from "../summary.js";

export const mergeHelp = `Usage: goship merge <part-dist>... [--dir <module>] [--dist <path>] [--clean] [--config <file>]
                    [--snapshot] [--skip-verify] [--json]

Brings the dists of \`goship release --shard i/n\` (or --split) runs together. It first proves
that every part comes from this checkout's commit, config, version, Go toolchain and goship
version, that every target was built exactly once and that every file still has its recorded
digest; then it writes checksums.txt, metadata.json and artifacts.json and verifies the whole, as
one \`goship release\` would (byte for byte). Nothing is rebuilt and no hook runs.
`;

export async function runMerge(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      dir: { type: "string" },
      dist: { type: "string" },
      config: { type: "string" },
      clean: { type: "boolean" },
      snapshot: { type: "boolean" },
      "skip-verify": { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(mergeHelp);
    return;
  }
  if (positionals.length === 0) {
    throw new UsageError(
      "merge needs the dists of the parts, e.g. goship merge parts/*; see goship merge --help",
    );
  }
  const result = await merge({
    parts: positionals.map((p) => path.resolve(p)),
    dir: values.dir,
    dist: values.dist === undefined ? undefined : path.resolve(values.dist),
    config: values.config === undefined ? undefined : path.resolve(values.config),
    clean: values.clean ?? false,
    snapshot: values.snapshot ?? false,
    skipVerify: values["skip-verify"] ?? false,
    logger: createLogger(),
    signal,
  });
  for (const line of formatSummary(result)) process.stderr.write(`${line}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(summaryJson(result), null, 2)}\n`);
}
