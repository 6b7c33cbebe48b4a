// `goship release` and `goship build`: flags → options → library call → summary.
import path from "node:path";
import { UsageError } from "../../errors.js";
import { createLogger } from "../../log/logger.js";
import { createPlainProgress, createTtyProgress } from "../../log/progress.js";
import { build, publish, release } from "../../release.js";
import { parseReleaseFlags } from "../args.js";
import { helpText } from "../help.js";
import { partSelection } from "../part.js";
import { formatSummary, summaryJson } from "../summary.js";

export async function runReleaseCommand(
  command: "build" | "release",
  args: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  const flags = parseReleaseFlags(args);
  if (flags.help) {
    process.stdout.write(helpText);
    return;
  }
  if (command === "build" && (flags.verifyReproducible || flags.diffoscope)) {
    throw new UsageError("--verify-reproducible and --diffoscope belong to `goship release`");
  }
  if (command === "build" && (flags.publish || flags.dryRun)) {
    throw new UsageError("--publish and --dry-run belong to `goship release`");
  }
  if (flags.dryRun && !flags.publish) {
    throw new UsageError("--dry-run shows what --publish would send; add --publish");
  }
  if (flags.publish && flags.snapshot) {
    throw new UsageError("a snapshot is a test release and is never published; drop --snapshot or --publish");
  }
  if (flags.diffoscope && !flags.verifyReproducible) {
    throw new UsageError("--diffoscope compares a release with its rebuild; add --verify-reproducible");
  }
  if (command === "build" && flags.image) {
    throw new UsageError("--image belongs to `goship release`: images are built from a release's binaries");
  }
  const part = partSelection(flags, process.env);
  if (part && (command === "build" || flags.verifyReproducible)) {
    throw new UsageError("--shard and --split belong to `goship release`, without --verify-reproducible");
  }
  const logger = createLogger();
  const write = (line: string) => process.stderr.write(`${line}\n`);
  // A live table only where cursor movement works: not on a dumb terminal, not in CI logs.
  const live = process.stderr.isTTY && process.env.TERM !== "dumb" && !process.env.CI;
  const progress = live ? createTtyProgress(process.stderr) : createPlainProgress(write);
  const run = command === "release" ? release : build;
  const result = await run({
    dir: flags.dir,
    // Paths typed on the command line are relative to where the user is, not to --dir.
    dist: flags.dist === undefined ? undefined : path.resolve(flags.dist),
    clean: flags.clean,
    targets: flags.targets,
    singleTarget: flags.singleTarget,
    mains: flags.mains,
    // Like --dist, a --config path is relative to where the user is.
    config: flags.config === undefined ? undefined : path.resolve(flags.config),
    snapshot: flags.snapshot,
    parallelism: flags.parallelism,
    cache: !flags.noCache,
    skipVerify: flags.skipVerify,
    allowUnimplemented: flags.allowUnimplemented,
    verifyReproducible: flags.verifyReproducible,
    diffoscope: flags.diffoscope,
    ...(flags.packages === undefined ? {} : { packages: flags.packages }),
    image: flags.image,
    ...(part ? { part } : {}),
    releaseNotes: flags.releaseNotes,
    logger,
    progress,
    signal,
  });
  for (const line of formatSummary(result)) write(line);
  if (flags.json) process.stdout.write(`${JSON.stringify(summaryJson(result), null, 2)}\n`);
  if (flags.publish) {
    // Publishing runs after the release is complete in dist, so a failed upload leaves a dist
    // that \`goship publish\` can finish.
    await publish({
      dir: flags.dir,
      dist: result.distDir,
      config: flags.config === undefined ? undefined : path.resolve(flags.config),
      parallelism: flags.parallelism,
      publishing: { dryRun: flags.dryRun },
      logger,
      signal,
    });
  }
}
