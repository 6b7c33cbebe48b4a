// `scoops` config → the manifest content.
import type { ChannelFacts } from "../facts.js";
import type { ScoopConfig } from "./config.js";
import type { ScoopSpec } from "./manifest.js";

export function scoopSpec(config: ScoopConfig, at: string, facts: ChannelFacts): ScoopSpec {
  const r = (value: string, key: string) => facts.render(value, `${at}.${key}`);
  return {
    version: facts.version,
    homepage: r(config.homepage, "homepage"),
    license: config.license,
    description: r(config.description, "description"),
    persist: config.persist,
    preInstall: config.pre_install,
    postInstall: config.post_install,
    depends: config.depends,
    shortcuts: config.shortcuts,
  };
}

export const scoopName = (config: ScoopConfig, at: string, facts: ChannelFacts) =>
  facts.render(config.name || facts.projectName, `${at}.name`);
