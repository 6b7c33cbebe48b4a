// Writes an Alpine .apk (v2): [signature.tar.gz] + control.tar.gz + data.tar.gz, concatenated
// gzip members, the first two holding "cut" tars (no end blocks) so they read as one archive.
import { createHash, type KeyObject, sign } from "node:crypto";
import { gzip } from "../../archive/formats/gzip.js";
import { impliedDirectories, installedSize, type PackageFile, type PackageInfo } from "../info.js";
import { apkVersion, formatArch } from "../naming.js";
import { type TarEntry, writePackageTar } from "../tar.js";

export interface ApkSigningKey {
  readonly key: KeyObject;
  /** File name apk looks the public key up by in /etc/apk/keys, ending in `.rsa.pub`. */
  readonly name: string;
}

const SCRIPTS = [
  [".pre-install", "preinstall"],
  [".post-install", "postinstall"],
  [".pre-deinstall", "preremove"],
  [".post-deinstall", "postremove"],
] as const;

function sha1(data: Uint8Array): string {
  return createHash("sha1").update(data).digest("hex");
}

function dataEntry(file: PackageFile): TarEntry {
  const base = {
    name: file.dst.slice(1),
    mode: file.mode,
    owner: file.owner,
    group: file.group,
    mtime: file.mtime,
  };
  if (file.type === "dir") return { ...base, type: "dir" };
  if (file.type === "symlink") {
    return {
      ...base,
      type: "symlink",
      linkTarget: file.linkTarget ?? "",
      pax: [["APK-TOOLS.checksum.SHA1", sha1(new Uint8Array(0))]],
    };
  }
  const data = file.data ?? new Uint8Array(0);
  return { ...base, type: "file", data, pax: [["APK-TOOLS.checksum.SHA1", sha1(data)]] };
}

/** `.PKGINFO` in nfpm's key order; the description's continuation lines are indented by two. */
export function apkPkginfo(info: PackageInfo, installed: number, datahash: string): string {
  const lines = [
    `pkgname = ${info.name}`,
    `pkgver = ${apkVersion(info)}`,
    `arch = ${formatArch("apk", info.arch)}`,
    `size = ${installed}`,
    `pkgdesc = ${(info.description || "no description given").replaceAll("\n", "\n  ").trim()}`,
  ];
  if (info.homepage) lines.push(`url = ${info.homepage}`);
  if (info.maintainer) lines.push(`maintainer = ${info.maintainer}`);
  for (const value of info.replaces) lines.push(`replaces = ${value}`);
  for (const value of info.provides) lines.push(`provides = ${value}`);
  for (const value of info.depends) lines.push(`depend = ${value}`);
  if (info.license) lines.push(`license = ${info.license}`);
  lines.push(`datahash = ${datahash}`);
  return `${lines.join("\n")}\n`;
}

export async function writeApk(info: PackageInfo, signing?: ApkSigningKey): Promise<Buffer> {
  const files = info.files.filter((file) => file.type !== "ghost");
  const dirs: TarEntry[] = impliedDirectories(files).map((dir) => ({
    name: dir.slice(1),
    type: "dir",
    mode: 0o755,
    owner: "root",
    group: "root",
    mtime: info.mtime,
  }));
  const entries = [...dirs, ...files.map(dataEntry)].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );
  const data = await gzip(writePackageTar(entries));
  const installed = installedSize(files);
  const control: TarEntry[] = [
    {
      name: ".PKGINFO",
      type: "file",
      mode: 0o600,
      owner: "root",
      group: "root",
      mtime: info.mtime,
      data: Buffer.from(apkPkginfo(info, installed, createHash("sha256").update(data).digest("hex"))),
    },
  ];
  for (const [name, key] of SCRIPTS) {
    const script = info.scripts[key];
    if (script === undefined) continue;
    const bytes = Buffer.from(script);
    control.push({
      name,
      type: "file",
      mode: 0o755,
      owner: "root",
      group: "root",
      mtime: info.mtime,
      data: bytes,
      pax: [["APK-TOOLS.checksum.SHA1", sha1(bytes)]],
    });
  }
  const controlGz = await gzip(writePackageTar(control, { cut: true }));
  if (signing === undefined) return Buffer.concat([controlGz, data]);
  // RSA PKCS#1 v1.5 over the SHA-1 of the control member, as abuild signs; deterministic by design.
  const signature = sign("sha1", controlGz, signing.key);
  const signatureTar = writePackageTar(
    [
      {
        name: `.SIGN.RSA.${signing.name}`,
        type: "file",
        mode: 0o600,
        owner: "root",
        group: "root",
        mtime: info.mtime,
        data: signature,
      },
    ],
    { cut: true },
  );
  return Buffer.concat([await gzip(signatureTar), controlGz, data]);
}
