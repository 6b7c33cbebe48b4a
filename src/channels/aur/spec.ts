// `aurs` config → the PKGBUILD and .SRCINFO content, with GoReleaser's defaults (`-bin`, pkgrel 1).
import type { ChannelFacts } from "../facts.js";
import type { AurConfig } from "./config.js";
import type { AurSpec } from "./pkgbuild.js";

export function aurSpec(config: AurConfig, at: string, facts: ChannelFacts): AurSpec {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  const rendered = r(config.name || facts.projectName, "name");
  return {
    header: facts.header,
    name: rendered.endsWith("-bin") ? rendered : `${rendered}-bin`,
    version: facts.version,
    rel: config.rel || "1",
    description: r(config.description, "description"),
    homepage: r(config.homepage, "homepage"),
    license: config.license,
    maintainers: config.maintainers,
    contributors: config.contributors,
    provides: config.provides.length ? config.provides : [facts.projectName],
    conflicts: config.conflicts.length ? config.conflicts : [facts.projectName],
    depends: config.depends,
    optDepends: config.optdepends,
    backup: config.backup,
    package: r(config.package, "package"),
    install: r(config.install, "install"),
  };
}
