// Writes a .deb: ar(debian-binary, control.tar.gz, data.tar.<compression>), member order as dpkg requires.
import { createHash } from "node:crypto";
import { compress, compressionSuffix } from "../compress.js";
import { impliedDirectories, isRegular, type PackageFile, type PackageInfo } from "../info.js";
import { type TarEntry, writePackageTar } from "../tar.js";
import { writeAr } from "./ar.js";
import { debConffiles, debControl } from "./control.js";

const SCRIPTS = [
  ["preinst", "preinstall"],
  ["postinst", "postinstall"],
  ["prerm", "preremove"],
  ["postrm", "postremove"],
] as const;

function dataEntry(file: PackageFile): TarEntry {
  const base = {
    name: `.${file.dst}`,
    mode: file.mode,
    owner: file.owner,
    group: file.group,
    mtime: file.mtime,
  };
  if (file.type === "dir") return { ...base, type: "dir" };
  if (file.type === "symlink") return { ...base, type: "symlink", linkTarget: file.linkTarget ?? "" };
  return { ...base, type: "file", data: file.data ?? new Uint8Array(0) };
}

/** The data tar's entries: implied parent directories (0755 root) and the files, by path. */
export function debDataEntries(info: PackageInfo): TarEntry[] {
  // rpm's ghost files exist only in the rpm database: a deb has no such notion.
  const files = info.files.filter((file) => file.type !== "ghost");
  const dirs: TarEntry[] = impliedDirectories(files).map((dir) => ({
    name: `.${dir}`,
    type: "dir",
    mode: 0o755,
    owner: "root",
    group: "root",
    mtime: info.mtime,
  }));
  return [...dirs, ...files.map(dataEntry)].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );
}

/** `md5sums`: `<md5>  <path without leading />` per regular file. */
export function debMd5sums(info: PackageInfo): string {
  return info.files
    .filter(isRegular)
    .map(
      (file) =>
        `${createHash("md5")
          .update(file.data ?? new Uint8Array(0))
          .digest("hex")}  ${file.dst.slice(1)}\n`,
    )
    .join("");
}

export async function writeDeb(info: PackageInfo): Promise<Buffer> {
  const entries = debDataEntries(info);
  const installed = entries.reduce((total, entry) => total + (entry.data?.length ?? 0), 0);
  const data = await compress(writePackageTar(entries), info.deb.compression);
  const control: TarEntry[] = [];
  const controlFile = (name: string, text: string, mode = 0o644): void => {
    control.push({
      name: `./${name}`,
      type: "file",
      mode,
      owner: "root",
      group: "root",
      mtime: info.mtime,
      data: Buffer.from(text),
    });
  };
  controlFile("control", debControl(info, installed));
  controlFile("md5sums", debMd5sums(info));
  const conffiles = debConffiles(info);
  if (conffiles !== undefined) controlFile("conffiles", conffiles);
  for (const [name, key] of SCRIPTS) {
    const script = info.scripts[key];
    if (script !== undefined) controlFile(name, script, 0o755);
  }
  control.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const controlTar = await compress(writePackageTar(control), "gzip");
  return writeAr(
    [
      { name: "debian-binary", data: Buffer.from("2.0\n") },
      { name: "control.tar.gz", data: controlTar },
      { name: `data.tar${compressionSuffix(info.deb.compression)}`, data },
    ],
    info.mtime,
  );
}
