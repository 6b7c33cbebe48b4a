// What can go wrong while reading or checking a provenance file.
import { ReleaseError } from "../errors.js";

/** The file is not an in-toto statement or DSSE envelope goship can read. */
export class BadProvenanceError extends ReleaseError {}
