// `goship inspect <file|archive|dir>... [-m] [--json]`: what each Go binary is, from its bytes.

import { ReleaseError, UsageError } from "../../errors.js";
import { encodeGoString, formatGoVersionM } from "../../inspect/index.js";
import { inspect } from "../../inspect/inspect.js";
import { formatReport, reportJson } from "../../inspect/report.js";
import { parse } from "../args.js";

export const inspectHelp = `Usage: goship inspect <file|archive|dir>... [-m] [--json]

Reads Go binaries — files, directories (walked like \`go version\`) and .tar.gz/.tgz/.zip archives
(read in memory, never extracted) — and reports what their bytes prove. No Go toolchain needed.

  -m        print exactly what \`go version -m\` prints for the same arguments
  --json    print every fact as JSON on stdout (schema in the README)
`;

export async function runInspect(args: readonly string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    { m: { type: "boolean", short: "m" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    process.stdout.write(inspectHelp);
    return;
  }
  if (positionals.length === 0) throw new UsageError("inspect needs at least one file, archive or directory");
  const result = await inspect(positionals);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ binaries: result.binaries.map(reportJson), problems: result.problems }, null, 2)}\n`,
    );
  } else if (values.m) {
    for (const binary of result.binaries) {
      const name = binary.entry ? `${binary.file}:${binary.entry}` : binary.file;
      process.stdout.write(encodeGoString(formatGoVersionM(name, binary.info)));
    }
  } else {
    process.stdout.write(result.binaries.map(formatReport).join("\n"));
  }
  for (const problem of result.problems) process.stderr.write(`${problem.file}: ${problem.reason}\n`);
  if (result.problems.length > 0) {
    throw new ReleaseError(`${result.problems.length} of the arguments could not be read as Go binaries`, {
      exitCode: 1,
    });
  }
}
