// `goship ci github|gitlab [--shards n]`: a sharded release pipeline for the project's CI system.
import path from "node:path";
import { type CiSystem, ciSystems, writeCiPipeline } from "../../ci/write.js";
import { UsageError } from "../../errors.js";
import { parse, parsePositiveInt } from "../args.js";

export const ciHelp = `Usage: goship ci <github|gitlab> [--shards <n>] [--dir <path>] [--output <file>]

Writes a release pipeline that builds the targets on n runners at once (\`goship release --shard
i/n\`, each with its own Go build cache keyed on the Go version and go.sum), then merges the parts
(\`goship merge\`, byte-identical to a one-machine release) and publishes them, with the least
permissions each job needs. GitHub: .github/workflows/release.yml; GitLab: .gitlab-ci.yml.

  --shards <n>     runners that build at once (default 3; 1–64)
  --dir <path>     the repository root (default: the current directory)
  --output <file>  write here instead (never over an existing file)
`;

export async function runCi(args: readonly string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      shards: { type: "string" },
      dir: { type: "string" },
      output: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(ciHelp);
    return;
  }
  const system = positionals[0];
  if (positionals.length !== 1 || !system || !(system in ciSystems)) {
    throw new UsageError("goship ci takes one CI system: github or gitlab; see goship ci --help");
  }
  const file = await writeCiPipeline({
    system: system as CiSystem,
    dir: path.resolve(values.dir ?? "."),
    shards: values.shards === undefined ? 3 : parsePositiveInt(values.shards, "--shards", 64),
    ...(values.output === undefined ? {} : { output: path.resolve(values.output) }),
  });
  process.stderr.write(`✓ wrote ${path.relative(process.cwd(), file) || file}\n`);
}
