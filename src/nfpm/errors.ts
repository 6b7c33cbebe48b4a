// What goes wrong while packaging, each with what to do next.
import { ReleaseError } from "../errors.js";

/** A `contents` entry that cannot be installed as written. */
export class NfpmContentError extends ReleaseError {}

/** A script, key or signing setting of an `nfpms` entry that cannot be used. */
export class NfpmConfigError extends ReleaseError {}

/** A package read back by `goship verify` does not match what it should hold. */
export class PackageReadError extends ReleaseError {}
