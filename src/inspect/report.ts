// The human-readable `goship inspect` report and its stable JSON form.
import { effectiveLevel, levelVariable } from "../go/targets.js";
import type { InspectedBinary } from "./inspect.js";

export function formatReport(binary: InspectedBinary): string {
  const { info } = binary;
  const setting = (key: string) => info.buildInfo.settings.find((s) => s.key === key)?.value;
  const goos = setting("GOOS") ?? info.header.goos ?? "?";
  const goarch = setting("GOARCH") ?? info.header.goarch ?? "?";
  const variable = levelVariable(goarch);
  const level = variable ? setting(variable) : undefined;
  const vcs = setting("vcs.revision")
    ? `${setting("vcs")} ${setting("vcs.revision")} ${setting("vcs.time") ?? ""} (${setting("vcs.modified") === "true" ? "modified" : "clean"})`
    : "not recorded";
  const linkage =
    info.linkage.format === "elf"
      ? info.linkage.fileVerdict +
        (info.linkage.needed.length ? ` (${info.linkage.needed.join(", ")})` : "") +
        (info.linkage.glibc ? `, needs glibc ≥ ${info.linkage.glibc}` : "")
      : info.linkage.format === "pe"
        ? `imports ${info.linkage.dlls.join(", ") || "nothing"}`
        : `links ${info.linkage.dylibs.map((d) => d.name).join(", ") || "nothing"}`;
  const rows: Array<[string, string]> = [
    ["go", info.buildInfo.goVersion],
    ["path", info.buildInfo.path],
    ["module", `${info.buildInfo.main.path} ${info.buildInfo.main.version}`.trim()],
    ["dependencies", String(info.buildInfo.deps.length)],
    [
      "target",
      `${goos}/${goarch}${variable ? ` (${variable}=${level ?? effectiveLevel({ goos, goarch }) ?? "?"})` : ""}`,
    ],
    [
      "format",
      `${info.format.toUpperCase()} ${info.header.bits}-bit ${info.header.byteOrder}-endian${info.universal ? `, universal (${info.slices.length} slices)` : ""}`,
    ],
    ["trimpath", setting("-trimpath") === "true" ? "yes" : "no"],
    [
      "cgo",
      cgoSummary(info.buildInfo.settings) + (binary.cCompiler ? `, C compiler: ${binary.cCompiler}` : ""),
    ],
    ["vcs", vcs],
    ["linkage", linkage],
    [
      "stripped",
      info.debug.stripped
        ? "yes"
        : `no (${info.debug.symbolCount} symbols${info.debug.dwarf ? ", DWARF" : ""})`,
    ],
    ["build ID", info.buildId || "none"],
    ["leaked paths", info.leakedPaths.length ? info.leakedPaths.join(", ") : "none"],
    [
      "stamps",
      binary.stamps.length
        ? binary.stamps
            .map((s) => `${s.symbol}=${s.value} ${s.found ? "✓" : "✗ not found"}`)
            .join("\n                ")
        : "none known",
    ],
  ];
  const title = binary.entry ? `${binary.file}: ${binary.entry}` : binary.file;
  return `${title}\n${rows.map(([k, v]) => `  ${k.padEnd(13)} ${v}`).join("\n")}\n`;
}

/** The documented JSON record of one binary (README, "inspect --json"). */
export function reportJson(binary: InspectedBinary): object {
  const { info } = binary;
  return {
    file: binary.file,
    entry: binary.entry,
    format: info.format,
    universal: info.universal,
    size: info.fileSize,
    header: info.header,
    goVersion: info.buildInfo.goVersion,
    path: info.buildInfo.path,
    main: info.buildInfo.main,
    deps: info.buildInfo.deps,
    settings: info.buildInfo.settings,
    target: { goos: info.buildTarget.goos, goarch: info.buildTarget.goarch },
    linkage: info.linkage,
    stripped: info.debug.stripped,
    symbols: info.debug.symbolCount,
    dwarf: info.debug.dwarf,
    buildId: info.buildId,
    leakedPaths: info.leakedPaths,
    stamps: binary.stamps,
    ...(binary.cCompiler ? { cCompiler: binary.cCompiler } : {}),
    slices: info.slices.map((s) => ({
      format: s.format,
      offset: s.offset,
      size: s.size,
      header: s.header,
      buildId: s.buildId,
    })),
  };
}

/**
 * `on`/`off`, with the C compiler and flags when build info has them: cmd/go records CC, CXX and
 * CGO_* only for builds without -trimpath (goship's releases name their compiler in metadata.json).
 */
export function cgoSummary(
  settings: ReadonlyArray<{ readonly key: string; readonly value: string }>,
): string {
  const enabled = settings.find((s) => s.key === "CGO_ENABLED")?.value;
  if (enabled !== "1") return "off (CGO_ENABLED=0)";
  const c = settings.filter(
    (s) => /^(CC|CXX|CGO_(CFLAGS|CPPFLAGS|CXXFLAGS|LDFLAGS))$/.test(s.key) && s.value !== "",
  );
  return `on (CGO_ENABLED=1${c.map((s) => `, ${s.key}=${s.value}`).join("")})`;
}
