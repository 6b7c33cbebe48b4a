// Writes a v4 .rpm: lead, signature header (digests rpm -K checks), main header, cpio payload.
import { createHash } from "node:crypto";
import { compress } from "../compress.js";
import { isRegular, type PackageFile, type PackageInfo, summaryOf } from "../info.js";
import { formatArch, rpmRelease, rpmVersion } from "../naming.js";
import { type CpioEntry, writeCpio } from "./cpio.js";
import { type HeaderValue, writeHeader } from "./header.js";
import { parseRelation, type Relation } from "./relations.js";
import { FILE_FLAG, SENSE, SHA256_ALGO, SIG, TAG } from "./tags.js";

const TYPE_BITS = { dir: 0o040000, symlink: 0o120000, file: 0o100000 } as const;

function typeBits(file: PackageFile): number {
  if (file.type === "dir") return TYPE_BITS.dir;
  if (file.type === "symlink") return TYPE_BITS.symlink;
  return TYPE_BITS.file;
}

function content(file: PackageFile): Uint8Array {
  if (file.type === "symlink") return Buffer.from(file.linkTarget ?? "");
  return file.type === "dir" || file.type === "ghost" ? new Uint8Array(0) : (file.data ?? new Uint8Array(0));
}

function fileFlags(file: PackageFile): number {
  if (file.type === "ghost") return FILE_FLAG.ghost;
  if (file.type === "config") return FILE_FLAG.config;
  if (file.type === "config|noreplace") return FILE_FLAG.config | FILE_FLAG.noreplace;
  return 0;
}

/** The 96-byte lead: only its magic and signature type are read by rpm ≥ 4, the rest is legacy. */
function lead(nevr: string): Buffer {
  const bytes = Buffer.alloc(96);
  bytes.set([0xed, 0xab, 0xee, 0xdb, 3, 0], 0);
  bytes.writeUInt16BE(0, 6); // binary package
  bytes.writeUInt16BE(1, 8); // archnum, ignored
  bytes.write(nevr.slice(0, 65), 10, "utf8");
  bytes.writeUInt16BE(1, 76); // Linux
  bytes.writeUInt16BE(5, 78); // signature in a header structure
  return bytes;
}

const str = (value: string): HeaderValue => ({ type: "string", value });
const i18n = (value: string): HeaderValue => ({ type: "i18nString", value });
const int32 = (...values: number[]): HeaderValue => ({ type: "int32", values });
const strings = (values: readonly string[]): HeaderValue => ({ type: "stringArray", values });

function setRelations(
  tags: Map<number, HeaderValue>,
  relations: readonly Relation[],
  [n, f, v]: readonly [number, number, number],
) {
  if (relations.length === 0) return;
  tags.set(n, strings(relations.map((r) => r.name)));
  tags.set(f, int32(...relations.map((r) => r.flags)));
  tags.set(v, strings(relations.map((r) => r.version)));
}

function rpmlib(name: string, version: string): Relation {
  return { name: `rpmlib(${name})`, flags: SENSE.rpmlib | SENSE.less | SENSE.equal, version };
}

/** The files rpm lists: what the package lists (rpm packages do not own implied parents), by path. */
function payloadFiles(info: PackageInfo): PackageFile[] {
  return [...info.files].sort((a, b) => Buffer.compare(Buffer.from(a.dst), Buffer.from(b.dst)));
}

function mainHeader(info: PackageInfo, files: readonly PackageFile[], payload: Buffer): Buffer {
  const tags = new Map<number, HeaderValue>();
  const version = rpmVersion(info);
  const release = rpmRelease(info);
  tags.set(TAG.i18nTable, strings(["C"]));
  tags.set(TAG.name, str(info.name));
  tags.set(TAG.version, str(version));
  tags.set(TAG.release, str(release));
  if (info.epoch) tags.set(TAG.epoch, int32(Number(info.epoch)));
  tags.set(TAG.summary, i18n(info.rpm.summary || summaryOf(info.description) || info.name));
  tags.set(TAG.description, i18n(info.description || "no description given"));
  tags.set(TAG.buildTime, int32(info.mtime));
  tags.set(TAG.buildHost, str(info.rpm.buildHost));
  tags.set(TAG.size, int32(files.filter(isRegular).reduce((total, f) => total + content(f).length, 0)));
  if (info.vendor) tags.set(TAG.vendor, str(info.vendor));
  if (info.license) tags.set(TAG.license, str(info.license));
  tags.set(TAG.packager, str(info.rpm.packager || info.maintainer || "Unset Maintainer <unset@localhost>"));
  if (info.rpm.group) tags.set(TAG.group, i18n(info.rpm.group));
  if (info.homepage) tags.set(TAG.url, str(info.homepage));
  tags.set(TAG.os, str("linux"));
  tags.set(TAG.arch, str(formatArch("rpm", info.arch)));
  const scripts = [
    [info.scripts.preinstall, TAG.preIn, TAG.preInProg],
    [info.scripts.postinstall, TAG.postIn, TAG.postInProg],
    [info.scripts.preremove, TAG.preUn, TAG.preUnProg],
    [info.scripts.postremove, TAG.postUn, TAG.postUnProg],
  ] as const;
  for (const [script, tag, prog] of scripts) {
    if (script === undefined) continue;
    tags.set(tag, str(script));
    tags.set(prog, str("/bin/sh"));
  }
  if (files.length > 0) {
    const dirs = [...new Set(files.map((f) => f.dst.slice(0, f.dst.lastIndexOf("/") + 1)))].sort();
    tags.set(TAG.fileSizes, int32(...files.map((f) => content(f).length)));
    tags.set(TAG.fileModes, { type: "int16", values: files.map((f) => typeBits(f) | (f.mode & 0o7777)) });
    tags.set(TAG.fileRdevs, { type: "int16", values: files.map(() => 0) });
    tags.set(TAG.fileMtimes, int32(...files.map((f) => f.mtime)));
    tags.set(
      TAG.fileDigests,
      strings(files.map((f) => (isRegular(f) ? createHash("sha256").update(content(f)).digest("hex") : ""))),
    );
    tags.set(TAG.fileLinkTos, strings(files.map((f) => (f.type === "symlink" ? (f.linkTarget ?? "") : ""))));
    tags.set(TAG.fileFlags, int32(...files.map(fileFlags)));
    tags.set(TAG.fileUserName, strings(files.map((f) => f.owner)));
    tags.set(TAG.fileGroupName, strings(files.map((f) => f.group)));
    tags.set(TAG.fileDevices, int32(...files.map(() => 1)));
    tags.set(TAG.fileInodes, int32(...files.map((_, i) => i + 1)));
    tags.set(TAG.fileLangs, strings(files.map(() => "")));
    tags.set(
      TAG.dirIndexes,
      int32(...files.map((f) => dirs.indexOf(f.dst.slice(0, f.dst.lastIndexOf("/") + 1)))),
    );
    tags.set(TAG.baseNames, strings(files.map((f) => f.dst.slice(f.dst.lastIndexOf("/") + 1))));
    tags.set(TAG.dirNames, strings(dirs));
    tags.set(TAG.fileDigestAlgo, int32(SHA256_ALGO));
  }
  if (info.rpm.prefixes.length > 0) tags.set(TAG.prefixes, strings(info.rpm.prefixes));
  const evr = `${info.epoch ? `${info.epoch}:` : ""}${version}-${release}`;
  const provides = [
    ...info.provides.map(parseRelation),
    { name: info.name, flags: SENSE.equal, version: evr },
  ];
  setRelations(tags, provides, [TAG.provideName, TAG.provideFlags, TAG.provideVersion]);
  const requires = [
    ...info.depends.map(parseRelation),
    rpmlib("CompressedFileNames", "3.0.4-1"),
    rpmlib("FileDigests", "4.6.0-1"),
    rpmlib("PayloadFilesHavePrefix", "4.0-1"),
    ...(info.rpm.compression === "zstd" ? [rpmlib("PayloadIsZstd", "5.4.18-1")] : []),
  ];
  setRelations(tags, requires, [TAG.requireName, TAG.requireFlags, TAG.requireVersion]);
  setRelations(tags, info.conflicts.map(parseRelation), [
    TAG.conflictName,
    TAG.conflictFlags,
    TAG.conflictVersion,
  ]);
  setRelations(tags, info.replaces.map(parseRelation), [
    TAG.obsoleteName,
    TAG.obsoleteFlags,
    TAG.obsoleteVersion,
  ]);
  setRelations(tags, info.recommends.map(parseRelation), [
    TAG.recommendName,
    TAG.recommendFlags,
    TAG.recommendVersion,
  ]);
  setRelations(tags, info.suggests.map(parseRelation), [
    TAG.suggestName,
    TAG.suggestFlags,
    TAG.suggestVersion,
  ]);
  tags.set(TAG.rpmVersion, str("4.18.0"));
  tags.set(TAG.payloadFormat, str("cpio"));
  tags.set(TAG.payloadCompressor, str(info.rpm.compression === "none" ? "identity" : info.rpm.compression));
  tags.set(
    TAG.payloadFlags,
    str(info.rpm.compression === "gzip" ? "6" : info.rpm.compression === "zstd" ? "3" : ""),
  );
  tags.set(TAG.payloadDigest, strings([createHash("sha256").update(payload).digest("hex")]));
  tags.set(TAG.payloadDigestAlgo, int32(SHA256_ALGO));
  return writeHeader(TAG.headerImmutable, tags);
}

/** Builds the package; every time in it is `info.mtime`, and the build host is pinned. */
export async function writeRpm(info: PackageInfo): Promise<Buffer> {
  const files = payloadFiles(info);
  const cpio = writeCpio(
    files
      .filter((f) => f.type !== "ghost")
      .map(
        (f): CpioEntry => ({
          name: `.${f.dst}`,
          mode: typeBits(f) | (f.mode & 0o7777),
          mtime: f.mtime,
          data: content(f),
          nlink: f.type === "dir" ? 2 : 1,
        }),
      ),
  );
  const payload = await compress(cpio, info.rpm.compression);
  const header = mainHeader(info, files, payload);
  const signature = new Map<number, HeaderValue>([
    [SIG.sha1, str(createHash("sha1").update(header).digest("hex"))],
    [SIG.sha256, str(createHash("sha256").update(header).digest("hex"))],
    [SIG.size, int32(header.length + payload.length)],
    [SIG.md5, { type: "bin", value: createHash("md5").update(header).update(payload).digest() }],
    [SIG.payloadSize, int32(cpio.length)],
  ]);
  const sigHeader = writeHeader(SIG.headerSignatures, signature);
  const sigPad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8);
  const nevr = `${info.name}-${rpmVersion(info)}-${rpmRelease(info)}`;
  return Buffer.concat([lead(nevr), sigHeader, sigPad, header, payload]);
}
