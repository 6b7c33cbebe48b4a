// Errors of checksums.
import { ReleaseError } from "../errors.js";

/** A `checksum.extra_files` entry that names nothing, or several files under one name. */
export class ExtraFilesError extends ReleaseError {}
