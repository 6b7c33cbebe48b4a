// `goship verify [dist]`: prove a release is what it claims; a table on stderr, --json on stdout.

import { KindRegistry } from "../../artifacts/kinds.js";
import { formats } from "../../pipelines/pipelines.js";
import { VerificationFailedError } from "../../verify/errors.js";
import { formatVerifyTable, listFailures } from "../../verify/table.js";
import { verify } from "../../verify/verify.js";
import { parse, parsePositiveInt } from "../args.js";

export const verifyHelp = `Usage: goship verify [dist] [--json] [--smoke] [--smoke-args "--version"] [--smoke-timeout ms]

Checks every checksum, archive and binary of a goship release (default: ./dist) from their own
bytes: digests, archive layout and safe paths, target, static linking, stripped, no build ID,
-trimpath, CGO_ENABLED=0, clean VCS state, -X stamps present, one Go version.

  --json                print the report as JSON on stdout
  --smoke               also run each binary that can run here (natively, or under qemu-user for
                        other Linux architectures) and check that it prints the version
  --smoke-args <args>   arguments of the smoke run, space-separated (default: --version)
  --smoke-timeout <ms>  time a smoke run may take (default: 10000)
`;

export async function runVerify(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      json: { type: "boolean" },
      smoke: { type: "boolean" },
      "smoke-args": { type: "string" },
      "smoke-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(verifyHelp);
    return;
  }
  const report = await verify({
    dist: positionals[0] ?? "dist",
    smoke: values.smoke ?? false,
    smokeArgs: values["smoke-args"]?.split(" ").filter(Boolean),
    smokeTimeoutMs:
      values["smoke-timeout"] === undefined
        ? undefined
        : parsePositiveInt(values["smoke-timeout"], "--smoke-timeout", 3_600_000),
    signal,
    kinds: new KindRegistry(formats.kinds),
  });
  for (const line of formatVerifyTable(report)) process.stderr.write(`${line}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failures = listFailures(report);
  if (failures.length > 0) throw new VerificationFailedError(failures);
  process.stderr.write(`  ✓ ${report.count} artifacts verified\n`);
}
