// How a build uses cgo: not at all, statically against musl, or dynamically against glibc.

/** `off`: CGO_ENABLED=0. `static`: musl, fully static. `dynamic`: the system's glibc, shared. */
export type CgoMode = "off" | "static" | "dynamic";

/** A build's setting before zero-config detection: `auto` decides from the packages it imports. */
export type CgoSetting = CgoMode | "auto";

/** goship.yaml accepts `true`/`false` too: `true` is CGO_ENABLED=1 with the system's libc. */
export function cgoSettingOf(value: boolean | CgoMode | undefined): CgoSetting {
  if (value === undefined) return "auto";
  if (value === true) return "dynamic";
  if (value === false) return "off";
  return value;
}
