// Names that templates produce must not collide: two archives (or checksum files) rendered to the
// same name would overwrite each other. Claimed synchronously, so targets running at once cannot
// both take a name.
import { ReleaseError } from "../errors.js";

export class ArtifactNameTakenError extends ReleaseError {}

/** The shared-state key of the map from archive name to the id of the archive config that made it. */
export const archiveIdsKey = "archiveIds";

export function claimName(claimed: Set<string>, name: string, template: string): void {
  if (claimed.has(name)) {
    throw new ArtifactNameTakenError(
      `two artifacts would both be named ${name}; make ${template} tell them apart (e.g. with .Os and .Arch)`,
    );
  }
  claimed.add(name);
}
