// Reads any archive goship (or another tool) makes: tar.gz, tar or zip, recognised by content.
import { type ArchiveListing, MalformedArchiveError } from "./entry.js";
import { readTar, readTarGz } from "./tar.js";
import { readZip } from "./zip.js";

export {
  ARCHIVE_LIMITS,
  type ArchiveListing,
  type EntryType,
  MalformedArchiveError,
  type ReadEntry,
  staysInside,
} from "./entry.js";

/** `.tar.gz`, `.tgz`, `.tar` or `.zip`, by file name. */
export function isArchiveName(name: string): boolean {
  return /\.(tar\.gz|tgz|tar|zip)$/i.test(name);
}

export async function readArchive(bytes: Uint8Array): Promise<ArchiveListing> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return readTarGz(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readZip(bytes);
  if (bytes.length >= 263 && Buffer.from(bytes.subarray(257, 262)).toString("latin1") === "ustar") {
    return { format: "tar", entries: readTar(bytes) };
  }
  throw new MalformedArchiveError("not a tar.gz, tar or zip archive");
}
