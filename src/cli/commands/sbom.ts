// `goship sbom <binary|archive> [--format cyclonedx|spdx] [--output <file>]`: an SBOM of any Go binary.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ReleaseError, UsageError } from "../../errors.js";
import { generateSbom, type SbomFormat, standaloneTime } from "../../sbom/generate.js";
import { goshipVersion } from "../../version.js";
import { parse } from "../args.js";

export const sbomHelp = `Usage: goship sbom <binary|archive> [--format cyclonedx|spdx] [--output <file>]

Prints an SBOM of a Go binary, or of a .tar.gz/.tar/.zip archive and every Go binary in it, read
from the build info in the binaries' own bytes: the main module, every dependency with its version
and go.sum hash, replacements, the Go toolchain and the build settings. No Go toolchain needed.

  --format <f>    cyclonedx (CycloneDX 1.6 JSON, the default) or spdx (SPDX 2.3 JSON)
  --output <file> write the document there instead of stdout

The document time is SOURCE_DATE_EPOCH, else the binary's vcs.time, so reruns print the same bytes.
`;

export async function runSbom(args: readonly string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      format: { type: "string" },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(sbomHelp);
    return;
  }
  if (positionals.length !== 1) throw new UsageError("sbom needs exactly one binary or archive");
  const format = values.format ?? "cyclonedx";
  if (format !== "cyclonedx" && format !== "spdx") {
    throw new UsageError(`unknown SBOM format "${format}"; use cyclonedx or spdx`);
  }
  const file = positionals[0]!;
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new ReleaseError(`cannot read ${file}: ${error.code ?? error.message}`, { details: { file } });
  });
  const name = path.basename(file);
  const time = await standaloneTime(name, bytes, process.env);
  const document = await generateSbom(name, bytes, format satisfies SbomFormat, {
    time,
    toolVersion: goshipVersion,
  });
  if (values.output) await writeFile(values.output, document);
  else process.stdout.write(document);
}
