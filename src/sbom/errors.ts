// What can go wrong while describing an artifact.
import { ReleaseError } from "../errors.js";

/** The file is neither a Go binary nor an archive holding one. */
export class NothingToDescribeError extends ReleaseError {}

/** The `sboms` command failed or did not write the document it was asked for. */
export class SbomCommandError extends ReleaseError {}
