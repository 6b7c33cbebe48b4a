// Debian's control, md5sums and conffiles texts for a package, in the field order nfpm writes.
import type { PackageInfo } from "../info.js";
import { debVersion, formatArch } from "../naming.js";

/** Debian's multi-line Description: synopsis, then lines indented by one space, blank lines as " .". */
export function debDescription(description: string): string {
  const [first = "", ...rest] = description.trim().split("\n");
  return [first.trim(), ...rest.map((line) => (line.trim() === "" ? " ." : ` ${line.trim()}`))].join("\n");
}

function list(values: readonly string[]): string | undefined {
  const kept = values.map((value) => value.trim()).filter(Boolean);
  return kept.length > 0 ? kept.join(", ") : undefined;
}

/** The `control` file; `installedBytes` is rounded down to KiB as nfpm does. */
export function debControl(info: PackageInfo, installedBytes: number): string {
  const fields: [string, string | undefined][] = [
    ["Package", info.name],
    ["Version", debVersion(info)],
    ["Section", info.section],
    ["Priority", info.priority || "optional"],
    ["Architecture", formatArch("deb", info.arch)],
    [
      "Architecture-Variant",
      info.arch === "amd64" && info.amd64Level ? `amd64${info.amd64Level}` : undefined,
    ],
    ["Maintainer", info.maintainer || "Unset Maintainer <unset@localhost>"],
    ["Installed-Size", String(Math.floor(installedBytes / 1024))],
    ["Replaces", list(info.replaces)],
    ["Provides", list(info.provides)],
    ["Pre-Depends", list(info.deb.predepends)],
    ["Depends", list(info.depends)],
    ["Recommends", list(info.recommends)],
    ["Suggests", list(info.suggests)],
    ["Conflicts", list(info.conflicts)],
    ["Breaks", list(info.deb.breaks)],
    ["Homepage", info.homepage || undefined],
    ["Description", debDescription(info.description || "no description given")],
  ];
  // Extra fields in key order, so that a YAML map's order never changes the bytes.
  for (const key of Object.keys(info.deb.fields).sort()) {
    const value = info.deb.fields[key];
    if (value) fields.push([key, value]);
  }
  return `${fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n")}\n`;
}

/** `conffiles`: one absolute path per config file, or undefined when there are none. */
export function debConffiles(info: PackageInfo): string | undefined {
  const paths = info.files
    .filter((file) => file.type === "config" || file.type === "config|noreplace")
    .map((file) => file.dst);
  return paths.length > 0 ? `${paths.join("\n")}\n` : undefined;
}
