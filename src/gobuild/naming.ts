// Artifact names: `<name>-<version>-<os>-<arch><level>[.exe]`, the seed's convention.
import { archLabel, type Target } from "../go/targets.js";

export function exeSuffix(target: Target): string {
  return target.goos === "windows" ? ".exe" : "";
}

/** `api-v1.2.3-linux-amd64v3` (+ `.exe` on windows). */
export function binaryFileName(binary: string, version: string, target: Target): string {
  return `${binary}-${version}-${target.goos}-${archLabel(target)}${exeSuffix(target)}`;
}

/** The archive's base name, also its top folder: `<project>-<version>-<os>-<arch><level>`. */
export function archiveBaseName(project: string, version: string, target: Target): string {
  return `${project}-${version}-${target.goos}-${archLabel(target)}`;
}

/** The binary's extension: `.exe` on windows; GoReleaser also gives wasm targets `.wasm`. */
export function binaryExtension(flavor: "goship" | "goreleaser", target: Target): string {
  if (flavor === "goreleaser" && target.goarch === "wasm") return ".wasm";
  return exeSuffix(target);
}
