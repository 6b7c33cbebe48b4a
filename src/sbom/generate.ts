// One SBOM document's bytes for one artifact, in the format asked for.
import { cyclonedxDocument } from "./cyclonedx.js";
import { type DescribeOptions, describeArtifact } from "./describe.js";
import { formatJson } from "./json.js";
import { spdxDocument } from "./spdx.js";
import { setting } from "./subject.js";

export type SbomFormat = "cyclonedx" | "spdx";

/** The file name suffix of each format, as syft and the CycloneDX/SPDX conventions write them. */
export const SBOM_EXTENSIONS: Readonly<Record<SbomFormat, string>> = {
  cyclonedx: ".cdx.json",
  spdx: ".spdx.json",
};

export async function generateSbom(
  name: string,
  bytes: Uint8Array,
  format: SbomFormat,
  options: DescribeOptions,
): Promise<Uint8Array> {
  const subject = await describeArtifact(name, bytes, options);
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
