// `defineConfig` for goship.config.mjs: an identity function, there only so editors know the types.
import type { UserConfig } from "./schema.js";

export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
