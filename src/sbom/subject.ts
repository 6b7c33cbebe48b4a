// What an SBOM describes, in goship's own terms: an artifact, the Go binaries in it (with their build
// info, read from their bytes) and, for an archive or package, every file it holds.
import type { BuildInfo, Module } from "../inspect/modinfo.js";

/** A Go binary found in the artifact: its path inside it (or its own name) and its build info. */
export interface SbomBinary {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly info: BuildInfo;
}

export interface SbomFile {
  readonly path: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly size: number;
}

export interface SbomSubject {
  /** The artifact's file name; also the document's name. */
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  /** A binary describes itself; an archive (or package) lists its files as well. */
  readonly kind: "binary" | "archive";
  readonly binaries: readonly SbomBinary[];
  /** Every regular file of an archive, sorted by path; empty for a binary. */
  readonly files: readonly SbomFile[];
  /** Unix seconds: the commit time (or SOURCE_DATE_EPOCH), never the clock. */
  readonly time: number;
  /** The generating tool's version, recorded in the document. */
  readonly toolVersion: string;
}

/** One module the build used, as the SBOM states it: what was really compiled in. */
export interface ModuleComponent {
  /** The module path as required by the build graph. */
  readonly path: string;
  /** The version compiled in: the replacement's when a `replace` points at another module. */
  readonly version: string;
  /** The go.sum `h1:` hash of what was compiled in; "" for local directories and vendored builds. */
  readonly sum: string;
  /** The module that was really compiled when a `replace` swapped it; its path may be a directory. */
  readonly replacedBy?: Module;
  /** The component's name and purl path: the replacement's for module replacements. */
  readonly name: string;
}

const isLocalPath = (p: string): boolean => p.startsWith(".") || p.startsWith("/") || /^[A-Za-z]:/.test(p);

/**
 * A dependency as a component. A module replacement is represented by its replacement (the code that
 * was compiled, as cyclonedx-gomod and syft do); a directory replacement keeps the required path and
 * version, since a directory has neither.
 */
export function moduleComponent(dep: Module): ModuleComponent {
  const r = dep.replace;
  if (r === undefined) return { path: dep.path, version: dep.version, sum: dep.sum, name: dep.path };
  if (isLocalPath(r.path))
    return { path: dep.path, version: dep.version, sum: "", replacedBy: r, name: dep.path };
  return { path: dep.path, version: r.version, sum: r.sum, replacedBy: r, name: r.path };
}

/** A setting's value, or undefined. */
export function setting(info: BuildInfo, key: string): string | undefined {
  return info.settings.find((s) => s.key === key)?.value;
}

/** The main package below its module (`cmd/api`), or "" when it is the module root. */
export function packageSubpath(info: BuildInfo): string {
  const mod = info.main.path;
  return mod !== "" && info.path.startsWith(`${mod}/`) ? info.path.slice(mod.length + 1) : "";
}

/** Decodes a go.sum `h1:` hash to the hex of its SHA-256 (how syft and cyclonedx-gomod report it). */
export function h1ToHex(sum: string): string | undefined {
  if (!sum.startsWith("h1:")) return undefined;
  const bytes = Buffer.from(sum.slice(3), "base64");
  return bytes.length === 32 ? bytes.toString("hex") : undefined;
}
