// Errors of source archives.
import { ReleaseError } from "../errors.js";

/** A source archive that cannot be made as configured. */
export class SourceArchiveError extends ReleaseError {}
