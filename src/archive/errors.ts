// Errors of archives.
import { ReleaseError } from "../errors.js";

/** An `info` (owner, group, mode, mtime) of archived files that cannot be applied. */
export class FileInfoError extends ReleaseError {}
