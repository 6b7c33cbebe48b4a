// Step: decide each build's cgo mode (zero config: static when an imported package uses C) and
// choose a C toolchain for every cgo target before anything is built, so a missing compiler is
// one clear error up front rather than a failed link halfway through the matrix.

import { userCacheDir } from "../cache/output-cache.js";
import type { CgoMode } from "../config/builds.js";
import { cgoPackages } from "../go/cgo-packages.js";
import { formatTarget } from "../go/targets.js";
import { goEnvOf, need, type ReleaseContext } from "../pipeline/context.js";
import { factKey } from "../pipeline/facts.js";
import type { Step } from "../pipeline/step.js";
import { discoverToolchains, zigCacheDir } from "./discover.js";
import { type FoundToolchains, planCgoTarget } from "./plan.js";
import { cgoPlansOf, planKey } from "./plans.js";

const toolchainsKey = factKey<Promise<FoundToolchains>>("C toolchains");

export const cgoToolchainStep: Step = {
  name: "choosing C toolchains",
  skip(ctx) {
    return need(ctx, "config").builds.every((b) => b.cgo === undefined)
      ? "GoReleaser builds take CGO_ENABLED and CC from their env"
      : undefined;
  },
  async run(ctx) {
    const config = need(ctx, "config");
    const toolchain = need(ctx, "toolchain");
    const plans = cgoPlansOf(ctx);
    const cacheDir = userCacheDir(ctx.env);
    const found = () =>
      ctx.facts.once(toolchainsKey, () =>
        discoverToolchains({
          exec: ctx.exec,
          env: ctx.env,
          cwd: need(ctx, "module").dir,
          cacheDir,
          signal: ctx.signal,
          onInstall: (version) => ctx.log.info("installing zig from PyPI", { version }),
        }),
      );
    for (const build of config.builds) {
      if (build.cgo === undefined) continue;
      const mode = await chooseMode(
        ctx,
        build.id,
        build.cgo,
        build.mains.map((m) => m.package),
        build.dir,
      );
      plans.modes.set(build.id, mode);
      if (mode === "off") continue;
      for (const target of build.targets) {
        const plan = planCgoTarget({
          mode,
          target,
          host: { goos: toolchain.hostOs, goarch: toolchain.hostArch },
          found: await found(),
          zigCacheDir: zigCacheDir(ctx.env, cacheDir),
          configuredCC: [...config.env, ...build.env].some((entry) => entry.startsWith("CC=")),
        });
        plans.targets.set(planKey(build.id, target), plan);
        ctx.log.debug?.("C toolchain", { build: build.id, target: formatTarget(target), cc: plan.compiler });
      }
    }
  },
};

async function chooseMode(
  ctx: ReleaseContext,
  buildId: string,
  setting: CgoMode | "auto",
  mains: readonly string[],
  dir: string,
): Promise<CgoMode> {
  if (setting === "static" || setting === "dynamic") return setting;
  const module = need(ctx, "module");
  const cwd = dir === "." ? module.dir : `${module.dir}/${dir}`;
  const users = await cgoPackages(ctx.exec, cwd, goEnvOf(ctx), mains, ctx.signal);
  if (users.length === 0) return "off";
  if (setting === "off") {
    ctx.log.warn("cgo is off, but these packages use C and will build from their cgo-less fallback", {
      build: buildId,
      packages: users.join(", "),
      fix: "set cgo: static in the build",
    });
    return "off";
  }
  ctx.log.info("cgo", { build: buildId, mode: "static (musl)", because: `${users.join(", ")} use C` });
  return "static";
}
