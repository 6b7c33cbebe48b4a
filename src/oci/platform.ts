// OCI platforms from release targets and back: `linux/arm/v7` is GOARM=7, `linux/amd64/v3` GOAMD64=v3.
import { effectiveLevel, type Target } from "../go/targets.js";
import type { Platform } from "./media-types.js";

/**
 * The OCI platform of a target. The default levels (amd64 v1, arm64 v8.0) carry no variant, as
 * `docker buildx` and ko write them, so `--platform linux/arm64` pulls match.
 */
export function platformOf(target: Target): Platform {
  const level = effectiveLevel(target);
  const base = { architecture: target.goarch, os: target.goos };
  if (level === undefined) return base;
  if (target.goarch === "amd64") return level === "v1" ? base : { ...base, variant: level };
  if (target.goarch === "arm") return { ...base, variant: `v${level.split(",")[0]}` };
  if (target.goarch === "arm64") {
    const version = level.split(",")[0] ?? level;
    return version === "v8.0" ? base : { ...base, variant: version };
  }
  return base;
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}

/** `linux/arm64`, `linux/arm/v7`: GoReleaser's and ko's platform strings. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) return undefined;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/** Whether a target's image serves a requested platform (a request without variant takes any level). */
export function platformMatches(requested: Platform, actual: Platform): boolean {
  if (requested.os !== actual.os || requested.architecture !== actual.architecture) return false;
  if (requested.variant === undefined) return true;
  // arm64's default variant is written v8 by some tools and left out by others.
  const norm = (p: Platform) => p.variant ?? (p.architecture === "arm64" ? "v8" : undefined);
  return norm(requested) === norm(actual);
}
