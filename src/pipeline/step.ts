// What a pipeline step is: a named job over the release context.
import type { Target } from "../go/targets.js";
import type { ReleaseContext } from "./context.js";

export interface Step {
  /** Present-tense phrase for logs and error prefixes: "building binaries". */
  readonly name: string;
  /** A reason to skip the whole step, or undefined to run it. */
  skip?(ctx: ReleaseContext): string | undefined;
  run(ctx: ReleaseContext): Promise<void>;
}

/** A step of one target's own pipeline (build → archive → checksum), run while others compile. */
export interface TargetStep {
  readonly name: string;
  skip?(ctx: ReleaseContext): string | undefined;
  run(ctx: ReleaseContext, target: Target): Promise<void>;
}

/** Thrown when a step finds, while running, that it has nothing to do. */
export class SkipError extends Error {}
