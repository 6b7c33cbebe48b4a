// Reads a package back by its format's own rules: its metadata, its files and whether the digests
// it carries about itself hold. `goship verify` and the tests use it; it trusts nothing it reads.
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { readTar } from "../archive/read/tar.js";
import { readGzipMembers } from "./apk/read-gzip-members.js";
import { readAr } from "./deb/ar.js";
import type { PackageFormat } from "./naming.js";
import { readCpio } from "./rpm/read-cpio.js";
import { readRpm } from "./rpm/read-rpm.js";
import { unzstd } from "./zstd.js";

export interface ReadFile {
  /** Absolute path as installed: `/usr/bin/app`. */
  readonly path: string;
  readonly type: "file" | "dir" | "symlink" | "other";
  readonly mode: number;
  readonly owner: string;
  readonly data: Uint8Array;
}

export interface PackageReadback {
  /** Control fields, .PKGINFO keys or rpm tags by name (first value of repeated keys). */
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly ReadFile[];
  /** Digests the package carries about itself that do not hold; empty when all do. */
  readonly problems: readonly string[];
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const md5 = (data: Uint8Array) => createHash("md5").update(data).digest("hex");

function keyValues(text: string, separator: RegExp): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = separator.exec(line);
    if (match?.[1] && !(match[1] in fields)) fields[match[1]] = match[2] ?? "";
  }
  return fields;
}

function tarFiles(tar: Uint8Array): ReadFile[] {
  return readTar(tar)
    .filter((entry) => !entry.name.startsWith(".") || entry.name.startsWith("./"))
    .map((entry) => ({
      path: `/${entry.name.replace(/^\.\//, "").replace(/\/$/, "")}`,
      type: entry.type === "hardlink" ? "other" : entry.type,
      mode: entry.mode,
      owner: `${entry.uname}:${entry.gname}`,
      data: entry.data,
    }))
    .filter((file) => file.path !== "/");
}

async function decompress(name: string, data: Uint8Array): Promise<Uint8Array> {
  if (name.endsWith(".gz")) return gunzipSync(data);
  if (name.endsWith(".zst")) return unzstd(data);
  return data;
}

async function readDeb(bytes: Buffer): Promise<PackageReadback> {
  const members = readAr(bytes);
  const names = members.map((m) => m.name);
  const problems: string[] = [];
  if (
    names[0] !== "debian-binary" ||
    !names[1]?.startsWith("control.tar") ||
    !names[2]?.startsWith("data.tar")
  ) {
    problems.push(`ar members are ${names.join(", ")}; dpkg needs debian-binary, control.tar.*, data.tar.*`);
  }
  const control = readTar(await decompress(names[1] ?? "", members[1]?.data ?? new Uint8Array(0)));
  const text = (name: string) =>
    Buffer.from(control.find((e) => e.name === `./${name}`)?.data ?? []).toString("utf8");
  const files = tarFiles(await decompress(names[2] ?? "", members[2]?.data ?? new Uint8Array(0)));
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const line of text("md5sums").split("\n").filter(Boolean)) {
    const [digest, file] = [line.slice(0, 32), `/${line.slice(34)}`];
    const found = byPath.get(file);
    if (!found) problems.push(`md5sums lists ${file}, which the data archive lacks`);
    else if (md5(found.data) !== digest) problems.push(`md5sums does not match ${file}`);
  }
  return { fields: keyValues(text("control"), /^([A-Za-z][A-Za-z0-9-]*): ?(.*)$/), files, problems };
}

async function readApk(bytes: Buffer): Promise<PackageReadback> {
  const members = readGzipMembers(bytes);
  const data = members.at(-1);
  const control = members.at(-2);
  if (!data || !control)
    return { fields: {}, files: [], problems: ["an apk needs a control and a data gzip member"] };
  const pkginfo = readTar(Buffer.concat([control.data, Buffer.alloc(1024)])).find(
    (e) => e.name === ".PKGINFO",
  );
  const fields = keyValues(Buffer.from(pkginfo?.data ?? []).toString("utf8"), /^(\w+) = (.*)$/);
  const problems =
    fields.datahash === sha256(data.compressed) ? [] : ["datahash does not match the data member"];
  return { fields, files: tarFiles(data.data), problems };
}

async function readArchlinux(bytes: Buffer): Promise<PackageReadback> {
  const tar = await unzstd(bytes);
  const entries = readTar(tar);
  const text = (name: string) =>
    Buffer.from(entries.find((e) => e.name === name)?.data ?? []).toString("utf8");
  const fields = keyValues(text(".PKGINFO"), /^(\w+) = (.*)$/);
  const files = tarFiles(tar);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const problems: string[] = [];
  const mtree = Buffer.from(
    gunzipSync(entries.find((e) => e.name === ".MTREE")?.data ?? Buffer.alloc(0)),
  ).toString();
  for (const line of mtree.split("\n")) {
    const match = /^\.\/(\S+) .*type=file .*sha256digest=([0-9a-f]{64})/.exec(line);
    if (!match || match[1] === ".PKGINFO") continue;
    const file = byPath.get(`/${match[1]}`);
    if (!file || sha256(file.data) !== match[2]) problems.push(`.MTREE does not match /${match[1]}`);
  }
  return { fields, files, problems };
}

async function readRpmPackage(bytes: Buffer): Promise<PackageReadback> {
  const rpm = readRpm(bytes);
  const cpio = readCpio(
    await decompress(
      rpm.compressor === "gzip" ? ".gz" : rpm.compressor === "zstd" ? ".zst" : "",
      rpm.payload,
    ),
  );
  const kept = rpm.files.filter((f) => f.flags !== 64);
  const files = kept.map((f): ReadFile => {
    const data = cpio.get(`.${f.path}`) ?? new Uint8Array(0);
    const type =
      (f.mode & 0o170000) === 0o040000 ? "dir" : (f.mode & 0o170000) === 0o120000 ? "symlink" : "file";
    return { path: f.path, type, mode: f.mode & 0o7777, owner: `${f.user}:${f.group}`, data };
  });
  const problems = [...rpm.problems];
  for (const [i, file] of files.entries()) {
    const expected = kept[i]?.digest;
    if (file.type === "file" && expected && sha256(file.data) !== expected)
      problems.push(`file digest of ${file.path} does not match`);
  }
  return { fields: rpm.fields, files, problems };
}

export function readPackage(format: PackageFormat, bytes: Buffer): Promise<PackageReadback> {
  switch (format) {
    case "deb":
      return readDeb(bytes);
    case "rpm":
      return readRpmPackage(bytes);
    case "apk":
      return readApk(bytes);
    case "archlinux":
      return readArchlinux(bytes);
  }
}
