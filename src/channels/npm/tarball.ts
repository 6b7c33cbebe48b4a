// npm tarballs written the way npm's own packer writes them: every entry under `package/`, the
// fixed mtime npm uses (1985-10-26T08:15:00Z) and normalised modes, so the bytes never depend on
// the machine, the clock or the order files were listed in.
import { createHash } from "node:crypto";
import { writeTarGz } from "../../archive/formats/gzip.js";
import type { NpmPackage } from "./packages.js";

/** The timestamp npm (pacote/tar) stamps on every entry of a packed tarball. */
export const NPM_TARBALL_MTIME = Date.UTC(1985, 9, 26, 8, 15, 0) / 1000;

export interface NpmTarball {
  /** `acme-tool-linux-x64-1.2.3.tgz`, the name `npm pack` gives it. */
  readonly fileName: string;
  readonly data: Buffer;
  /** `sha512-<base64>`, what the registry records as `dist.integrity`. */
  readonly integrity: string;
  /** SHA-1 hex, the registry's `dist.shasum`. */
  readonly shasum: string;
}

export function tarballFileName(name: string, version: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

export async function packNpmPackage(pkg: NpmPackage): Promise<NpmTarball> {
  const entries = pkg.files.map((f) => ({
    path: `package/${f.path}`,
    kind: "file" as const,
    mode: f.mode,
    data: f.data,
  }));
  const data = await writeTarGz(entries, { mtime: NPM_TARBALL_MTIME, level: 9 });
  return {
    fileName: tarballFileName(pkg.name, pkg.version),
    data,
    integrity: `sha512-${createHash("sha512").update(data).digest("base64")}`,
    shasum: createHash("sha1").update(data).digest("hex"),
  };
}
