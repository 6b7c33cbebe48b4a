// Public surface of the binary readers.
export type { ByteSource } from "./byte-source.js";
export { memorySource, openFileSource, sliceSource } from "./byte-source.js";
export { isBinaryReadError, MalformedBinaryError, NotAGoBinaryError } from "./errors.js";
export { encodeGoString } from "./go-string.js";
export type { FoundBinary } from "./go-version.js";
export {
  formatGoVersion,
  formatGoVersionM,
  formatGoVersionMDirectory,
  isGoBinaryCandidate,
  scanGoBinaries,
  walkGoVersionCandidates,
} from "./go-version.js";
export type {
  BinaryFormat,
  ByteOrder,
  DebugFacts,
  ElfLinkage,
  HeaderTarget,
  Linkage,
  MachoDylib,
  MachoLinkage,
  PeLinkage,
} from "./image.js";
export { LEAK_PREFIXES, scanLeakedPaths } from "./leaked-paths.js";
export type { BuildInfo, BuildSetting, Module } from "./modinfo.js";
export { formatModinfo, parseModinfo } from "./modinfo.js";
export type { BinaryInfo, BinaryInput, ImageInfo, ReadBinaryOptions } from "./read-binary.js";
export { readBinary, readBuildInfo } from "./read-binary.js";
