// What can go wrong while signing or checking signatures.
import { ReleaseError } from "../errors.js";

/** A signing key that cannot be read or used; the message never contains the key itself. */
export class SigningKeyError extends ReleaseError {}

/** The signing command failed or did not write the signature it was asked for. */
export class SignCommandError extends ReleaseError {}

/** A signature that does not match the bytes it claims to cover. */
export class SignatureMismatchError extends ReleaseError {}
