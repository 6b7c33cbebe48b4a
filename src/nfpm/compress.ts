// Payload compressors of the package formats, each with pinned settings so output is byte-stable.
import { gzip } from "../archive/formats/gzip.js";

/**
 * xz is not offered: Node 20 has none, and the npm packages that offer it either need Node 22
 * or never compress (lzma-rs's encoder stores literals only). dpkg reads zstd since 1.21.18.
 */
export type Compression = "gzip" | "zstd" | "none";

/** The file suffix a compressed member carries (`data.tar.gz`). */
export function compressionSuffix(compression: Compression): string {
  return { gzip: ".gz", zstd: ".zst", none: "" }[compression];
}

/** Compresses with pinned settings; gzip at goship's archive level (6): level 9 saves under 1% for twice the time. */
export async function compress(data: Uint8Array, compression: Compression): Promise<Buffer> {
  switch (compression) {
    case "gzip":
      return gzip(data);
    case "none":
      return Buffer.from(data);
    case "zstd":
      return (await import("./zstd.js")).zstd(data);
  }
}
