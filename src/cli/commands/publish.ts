// `goship publish [dist]`: publish the dist a release made (forge release, notes, assets).
import path from "node:path";
import { createLogger } from "../../log/logger.js";
import { publish } from "../../release.js";
import { parse } from "../args.js";

export const publishHelp = `Usage: goship publish [dist] [--dir <module>] [--config <file>] [--dry-run]

Publishes a dist made by \`goship release\` (default: the config's dist, else ./dist): checks every
file against artifacts.json and the checksums, refuses snapshots and dirty builds, then creates or
updates the GitHub (or Gitea) release for the tag with dist/CHANGELOG.md as its notes and uploads
every archive and checksum file. A re-run uploads only what is missing and changes nothing when
the release is complete.

  --dir <path>       the module root (default: the current directory)
  --config <file>    the config file (default: goship.yaml, else the GoReleaser file)
  --dry-run          print what would be published; send nothing
  --parallelism <n>  uploads at once (default: 4)

Tokens: GITHUB_TOKEN, GITEA_TOKEN (or env_files); they never appear in logs or errors.
`;

export async function runPublish(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      dir: { type: "string" },
      config: { type: "string" },
      "dry-run": { type: "boolean" },
      parallelism: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(publishHelp);
    return;
  }
  await publish({
    dir: values.dir,
    dist: positionals[0] === undefined ? undefined : path.resolve(positionals[0]),
    config: values.config === undefined ? undefined : path.resolve(values.config),
    parallelism: values.parallelism === undefined ? undefined : Number(values.parallelism),
    publishing: { dryRun: values["dry-run"] ?? false },
    logger: createLogger(),
    signal,
  });
}
