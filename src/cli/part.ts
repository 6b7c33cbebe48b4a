// `--shard i/n` and `--split` (GoReleaser Pro's GGOOS/GGOARCH selection) → which part to build.
import { UsageError } from "../errors.js";
import { type PartSelection, shardSelection } from "../split/manifest.js";
import { parseShard } from "../split/partition.js";

const goosOfPlatform: Partial<Record<NodeJS.Platform, string>> = { win32: "windows", sunos: "solaris" };
const goarchOfArch: Partial<Record<string, string>> = { x64: "amd64", ia32: "386", x32: "386" };

export function partSelection(
  flags: { shard?: string; split: boolean },
  env: NodeJS.ProcessEnv,
): PartSelection | undefined {
  if (flags.shard !== undefined && flags.split) {
    throw new UsageError("--shard and --split both choose this runner's targets: use one of them");
  }
  if (flags.shard !== undefined) {
    const spec = parseShard(flags.shard);
    if (typeof spec === "string") throw new UsageError(spec);
    return shardSelection(spec);
  }
  if (!flags.split) return undefined;
  // Like GoReleaser Pro: GGOOS/GGOARCH only choose targets (GOOS/GOARCH would leak into hooks);
  // without them, the runner's own platform.
  const goos = env.GGOOS || (goosOfPlatform[process.platform] ?? process.platform);
  const goarch = env.GGOARCH || (env.GGOOS ? undefined : (goarchOfArch[process.arch] ?? process.arch));
  return { by: "goos", goos, ...(goarch ? { goarch } : {}) };
}
