// One SBOM document's bytes for one artifact, in the format asked for.
import { cyclonedxDocument } from "./cyclonedx.js";
import { type DescribeOptions, describeArtifact } from "./describe.js";
import { formatJson } from "./json.js";
import { spdxDocument } from "./spdx.js";
import { type SbomSubject, setting } from "./subject.js";

export type SbomFormat = "cyclonedx" | "spdx";

/** The file name suffix of each format, as syft and the CycloneDX/SPDX conventions write them. */
export const SBOM_EXTENSIONS: Readonly<Record<SbomFormat, string>> = {
  cyclonedx: ".cdx.json",
  spdx: ".spdx.json",
};

/** An SBOM's bytes for a Go binary or an archive, read from its bytes. */
export async function generateSbom(
  name: string,
  bytes: Uint8Array,
  format: SbomFormat,
  options: DescribeOptions,
): Promise<Uint8Array> {
  return sbomBytes(await describeArtifact(name, bytes, options), format);
}

/** An SBOM's bytes for what was described. */
export function sbomBytes(subject: SbomSubject, format: SbomFormat): Uint8Array {
  return formatJson(format === "cyclonedx" ? cyclonedxDocument(subject) : spdxDocument(subject));
}

/**
 * The document time for a file outside a release: SOURCE_DATE_EPOCH, else the commit time Go
 * stamped into the binary (`vcs.time`), else the Unix epoch; never the clock, so reruns agree.
 */
export async function standaloneTime(
  name: string,
  bytes: Uint8Array,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return Number(epoch);
  const subject = await describeArtifact(name, bytes, { time: 0, toolVersion: "" });
  for (const binary of subject.binaries) {
    const vcsTime = setting(binary.info, "vcs.time");
    const ms = vcsTime === undefined ? Number.NaN : Date.parse(vcsTime);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return 0;
}
