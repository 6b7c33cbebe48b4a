// What a pipeline step is: a named job over the release context, with what it declares about the
// artifact kinds it produces and the config section it reads.
import type { KindDeclarations } from "../artifacts/kinds.js";
import type { AnySection } from "../config/section.js";
import type { Target } from "../go/targets.js";
import type { ReleaseContext } from "./context.js";

/** What a step declares for the rest of the pipeline. */
export interface StepDeclarations {
  /** The kinds of artifact it makes, and what happens to each next (checksums, upload, verify). */
  readonly produces?: KindDeclarations;
  /** Its part of the config; the pipeline passes it to config resolution and schema.json. */
  readonly section?: AnySection;
}

export interface Step extends StepDeclarations {
  /** Present-tense phrase for logs and error prefixes: "building binaries". */
  readonly name: string;
  /** Steps this one runs inside it (each target's steps), for their declarations. */
  readonly inner?: readonly StepDeclarations[];
  /** A reason to skip the whole step, or undefined to run it. */
  skip?(ctx: ReleaseContext): string | undefined;
  run(ctx: ReleaseContext): Promise<void>;
}

/** A step of one target's own pipeline (build → archive → checksum), run while others compile. */
export interface TargetStep extends StepDeclarations {
  readonly name: string;
  skip?(ctx: ReleaseContext): string | undefined;
  run(ctx: ReleaseContext, target: Target): Promise<void>;
}

/** Thrown when a step finds, while running, that it has nothing to do. */
export class SkipError extends Error {}

function declarationsOf(steps: readonly Step[]): StepDeclarations[] {
  return steps.flatMap((step) => [step, ...(step.inner ?? [])]);
}

/** Every kind the steps (and the steps inside them) declare. */
export function kindsOf(steps: readonly Step[]): KindDeclarations[] {
  return declarationsOf(steps).flatMap((d) => (d.produces ? [d.produces] : []));
}

/** Every config section the steps read, once each, in pipeline order. */
export function sectionsOf(steps: readonly Step[]): AnySection[] {
  const sections: AnySection[] = [];
  for (const d of declarationsOf(steps))
    if (d.section && !sections.includes(d.section)) sections.push(d.section);
  return sections;
}
