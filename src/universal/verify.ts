// How `goship verify` reads a universal binary back: a fat Mach-O whose every slice is a Go binary
// for its own darwin architecture, holding exactly the slices artifacts.json records.

import { sha256Hex } from "../artifacts/digest.js";
import type { ArtifactRecord, CheckResult, VerifiedFile, VerifyContext } from "../artifacts/kinds.js";
import { cpuTypes, readUniversalBinary } from "./fat.js";

export async function verifyUniversalBinary(
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
): Promise<CheckResult[]> {
  const slices = readUniversalBinary(file.bytes);
  if (!slices) return [{ check: "universal", status: "fail", detail: "not a Mach-O universal binary" }];
  const recorded = Array.isArray(artifact.slices) ? (artifact.slices as Array<{ sha256: string }>) : [];
  const digests = slices.map((s) => sha256Hex(s.data));
  const same = recorded.length === slices.length && recorded.every((r, i) => r.sha256 === digests[i]);
  const arches = slices.map((s) => cpuTypes[s.cpuType] ?? `cpu ${s.cpuType}`);
  const checks: CheckResult[] = [
    {
      check: "universal",
      status: same ? "pass" : "fail",
      detail: same ? arches.join(" + ") : "its slices differ from those artifacts.json records",
    },
  ];
  for (const [i, slice] of slices.entries()) {
    const subject = `${file.path}[${arches[i]}]`;
    for (const check of await vctx.checkBinary(slice.data, `darwin/${arches[i]}`))
      checks.push({ ...check, subject });
  }
  return checks;
}
