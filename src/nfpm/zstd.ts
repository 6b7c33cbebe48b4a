// zstd for Arch packages and deb/rpm payloads. Node 20 has no zstd; @bokuweb/zstd-wasm runs the
// reference C library compiled to WebAssembly, so one pinned version gives the same bytes on every
// host and CPU (no native build, no runtime CPU dispatch).
import { init, compress as zstdCompress, decompress as zstdDecompress } from "@bokuweb/zstd-wasm";

/** zstd's own default level, as nfpm (klauspost/compress) uses; higher levels in WebAssembly cost seconds per binary. */
const LEVEL = 3;

let ready: Promise<void> | undefined;

export async function zstd(data: Uint8Array): Promise<Buffer> {
  ready ??= init();
  await ready;
  return Buffer.from(zstdCompress(data, LEVEL));
}

/** Decompresses a zstd frame (verify reads Arch packages and zstd payloads back). */
export async function unzstd(data: Uint8Array): Promise<Buffer> {
  ready ??= init();
  await ready;
  return Buffer.from(zstdDecompress(data));
}
