// Errors about artifact names.
import { ReleaseError } from "../errors.js";

export class ArtifactNameTakenError extends ReleaseError {}
