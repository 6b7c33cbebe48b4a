// Reads an rpm's headers back and checks the digests its signature header carries, as rpm -K does.
import { createHash } from "node:crypto";
import { type HeaderValue, readHeader } from "./header.js";
import { SIG, TAG } from "./tags.js";

export interface RpmFile {
  readonly path: string;
  readonly mode: number;
  readonly flags: number;
  readonly user: string;
  readonly group: string;
  readonly digest: string;
}

export interface RpmReadback {
  readonly fields: Record<string, string>;
  readonly files: readonly RpmFile[];
  readonly compressor: string;
  readonly payload: Buffer;
  readonly problems: string[];
}

const NAMED: Readonly<Record<string, number>> = {
  Name: TAG.name,
  Version: TAG.version,
  Release: TAG.release,
  Summary: TAG.summary,
  Arch: TAG.arch,
  License: TAG.license,
  URL: TAG.url,
  BuildHost: TAG.buildHost,
  Packager: TAG.packager,
  Vendor: TAG.vendor,
};

function text(value: HeaderValue | undefined): string {
  if (!value) return "";
  if (value.type === "bin") return Buffer.from(value.value).toString("hex");
  return "values" in value ? value.values.join(", ") : value.value;
}

function values<T>(value: HeaderValue | undefined, type: HeaderValue["type"]): T[] {
  return value && value.type === type && "values" in value ? (value.values as T[]) : [];
}

export function readRpm(bytes: Buffer): RpmReadback {
  if (bytes.readUInt32BE(0) !== 0xedabeedb) throw new Error("not an rpm: the lead's magic is missing");
  const signature = readHeader(bytes, 96);
  const headerStart = 96 + signature.length + ((8 - (signature.length % 8)) % 8);
  const main = readHeader(bytes, headerStart);
  const header = bytes.subarray(headerStart, headerStart + main.length);
  const payload = bytes.subarray(headerStart + main.length);
  const problems: string[] = [];
  const sha256 = createHash("sha256").update(header).digest("hex");
  if (text(signature.tags.get(SIG.sha256)) !== sha256)
    problems.push("the header's SHA-256 does not match the signature header");
  const md5 = createHash("md5").update(header).update(payload).digest("hex");
  if (text(signature.tags.get(SIG.md5)) !== md5)
    problems.push("the MD5 of header and payload does not match");
  const payloadDigest = createHash("sha256").update(payload).digest("hex");
  if (text(main.tags.get(TAG.payloadDigest)) !== payloadDigest)
    problems.push("the payload digest does not match");
  const fields: Record<string, string> = {};
  for (const [name, tag] of Object.entries(NAMED)) fields[name] = text(main.tags.get(tag));
  const dirs = values<string>(main.tags.get(TAG.dirNames), "stringArray");
  const bases = values<string>(main.tags.get(TAG.baseNames), "stringArray");
  const indexes = values<number>(main.tags.get(TAG.dirIndexes), "int32");
  const modes = values<number>(main.tags.get(TAG.fileModes), "int16");
  const flags = values<number>(main.tags.get(TAG.fileFlags), "int32");
  const users = values<string>(main.tags.get(TAG.fileUserName), "stringArray");
  const groups = values<string>(main.tags.get(TAG.fileGroupName), "stringArray");
  const digests = values<string>(main.tags.get(TAG.fileDigests), "stringArray");
  const files = bases.map((base, i) => ({
    path: `${dirs[indexes[i] ?? 0] ?? ""}${base}`,
    mode: modes[i] ?? 0,
    flags: flags[i] ?? 0,
    user: users[i] ?? "",
    group: groups[i] ?? "",
    digest: digests[i] ?? "",
  }));
  return { fields, files, compressor: text(main.tags.get(TAG.payloadCompressor)), payload, problems };
}
