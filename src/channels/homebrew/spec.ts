// `homebrew_casks` and `brews` config → the cask and formula content, with GoReleaser's defaults.
import { globRegExp } from "../../archive/glob.js";
import type { ReleasedAsset } from "../assets.js";
import type { ChannelFacts } from "../facts.js";
import type { CaskSpec } from "./cask.js";
import type { CaskConfig, FormulaConfig } from "./config.js";
import type { FormulaSpec } from "./formula.js";

/** Manpage globs matched against the archives' files (when every archive holds the same files). */
export function matchManpages(globs: readonly string[], assets: readonly ReleasedAsset[]): string[] {
  const files = assets[0]?.extraFiles ?? [];
  const same = assets.every((a) => a.extraFiles.join("\n") === files.join("\n"));
  if (!same) return [...globs];
  return [...new Set(globs.flatMap((g) => files.filter((f) => globRegExp(g).test(f))))].sort();
}

export function caskSpec(
  config: CaskConfig,
  at: string,
  facts: ChannelFacts,
  assets: readonly ReleasedAsset[],
): CaskSpec {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  const name = r(config.name || facts.projectName, "name");
  const binaries = [...config.binaries, ...(config.binary ? [config.binary] : [])].map((b) =>
    r(b, "binaries"),
  );
  const generate = config.generate_completions_from_executable;
  const generating =
    generate.executable ||
    generate.args.length ||
    generate.base_name ||
    generate.shell_parameter_format ||
    generate.shells.length;
  const bins = binaries.length && binaries[0] ? binaries : [name];
  return {
    header: facts.header,
    name,
    version: facts.version,
    description: r(config.description, "description"),
    homepage: r(config.homepage, "homepage"),
    customBlock: r(config.custom_block, "custom_block"),
    binaries: bins,
    manpages: matchManpages(
      [...config.manpages, ...(config.manpage ? [config.manpage] : [])].map((m) => r(m, "manpages")),
      assets,
    ),
    completions: {
      bash: r(config.completions.bash, "completions.bash"),
      zsh: r(config.completions.zsh, "completions.zsh"),
      fish: r(config.completions.fish, "completions.fish"),
    },
    generateCompletions: {
      executable: generate.executable || (generating ? (bins[0] ?? "") : ""),
      args: generate.args,
      baseName: generate.base_name,
      shellParameterFormat: generate.shell_parameter_format,
      shells: generate.shells,
    },
    service: config.service,
    hooks: {
      pre: {
        install: r(config.hooks.pre.install, "hooks.pre.install"),
        uninstall: r(config.hooks.pre.uninstall, "hooks.pre.uninstall"),
      },
      post: {
        install: r(config.hooks.post.install, "hooks.post.install"),
        uninstall: r(config.hooks.post.uninstall, "hooks.post.uninstall"),
      },
    },
    uninstall: { ...config.uninstall, loginItem: config.uninstall.login_item },
    zap: { ...config.zap, loginItem: config.zap.login_item },
    caveats: r(config.caveats, "caveats"),
    conflicts: config.conflicts,
    dependencies: config.dependencies,
    url: {
      verified: config.url.verified,
      using: config.url.using,
      cookies: config.url.cookies,
      referer: config.url.referer,
      headers: config.url.headers,
      userAgent: config.url.user_agent,
      data: config.url.data,
    },
  };
}

export function formulaSpec(config: FormulaConfig, at: string, facts: ChannelFacts): FormulaSpec {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  return {
    header: facts.header,
    name: r(config.name || facts.projectName, "name"),
    version: facts.version,
    description: r(config.description, "description"),
    homepage: r(config.homepage, "homepage"),
    license: config.license,
    customRequire: config.custom_require,
    customBlock: config.custom_block,
    dependencies: config.dependencies,
    conflicts: config.conflicts,
    caveats: r(config.caveats, "caveats"),
    postInstall: config.post_install,
    service: config.service,
    test: config.test,
    downloadStrategy: config.download_strategy,
    urlHeaders: config.url_headers,
  };
}
