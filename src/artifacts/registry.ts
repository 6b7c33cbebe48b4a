// The one mutable part of a release: what its steps made, in the order they made it.
import { formatTarget, type Target } from "../go/targets.js";
import type { Artifact, ArtifactKind, ArtifactOf } from "./artifact.js";
import type { ArtifactRecord } from "./kinds.js";
import { ArtifactNameTakenError } from "./names.js";

export type Predicate<A extends Artifact = Artifact> = (artifact: Artifact) => artifact is A;

export function byKind<K extends ArtifactKind>(kind: K): Predicate<ArtifactOf<K>> {
  return (a): a is ArtifactOf<K> => a.kind === kind;
}

export function byTarget(target: Target): (artifact: Artifact) => boolean {
  const id = formatTarget(target);
  return (a) => "target" in a && isTarget(a.target) && formatTarget(a.target) === id;
}

/**
 * The one count of a release's artifacts, used by every message that gives one: the files
 * artifacts.json lists (metadata.json included; artifacts.json itself, the index, not).
 */
export function artifactCount(records: readonly unknown[]): number {
  return records.length;
}

export class ArtifactRegistry {
  readonly #items: Artifact[] = [];
  /** Names templates produced, claimed before the files are written (see `claimName`). */
  readonly #claimed = new Set<string>();

  add(artifact: Artifact): void {
    if (this.#items.some((a) => a.name === artifact.name || a.path === artifact.path)) {
      throw new Error(`duplicate artifact ${artifact.path}`);
    }
    this.#items.push(artifact);
  }

  /**
   * Takes a name a template produced, synchronously, so targets running at once cannot both take
   * it: two archives (or checksum files) rendered to one name would overwrite each other.
   */
  claimName(name: string, template: string): void {
    if (this.#claimed.has(name)) {
      throw new ArtifactNameTakenError(
        `two artifacts would both be named ${name}; make ${template} tell them apart (e.g. with .Os and .Arch)`,
      );
    }
    this.#claimed.add(name);
  }

  /**
   * Withdraws artifacts from the release, and everything made from them (per `producedBy.inputs`):
   * a universal binary that replaces its slices also replaces their archives and checksum files.
   * Their staged files are never published. Returns what was withdrawn.
   */
  retract(names: readonly string[]): Artifact[] {
    const gone = new Set(names);
    let grew = true;
    while (grew) {
      grew = false;
      for (const a of this.#items) {
        if (!gone.has(a.name) && (a.producedBy?.inputs ?? []).some((input) => gone.has(input.name))) {
          gone.add(a.name);
          grew = true;
        }
      }
    }
    const withdrawn = this.#items.filter((a) => gone.has(a.name));
    const kept = this.#items.filter((a) => !gone.has(a.name));
    this.#items.splice(0, this.#items.length, ...kept);
    return withdrawn;
  }

  list(): readonly Artifact[] {
    return [...this.#items];
  }

  filter<A extends Artifact>(predicate: Predicate<A>): A[];
  filter(predicate: (artifact: Artifact) => boolean): Artifact[];
  filter(predicate: (artifact: Artifact) => boolean): Artifact[] {
    return this.#items.filter(predicate);
  }

  /** The stable form written to artifacts.json: sorted by path, targets as text, no absolute paths. */
  toJSON(): ArtifactRecord[] {
    return [...this.#items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(toRecord);
  }
}

/** An artifact as artifacts.json lists it: what it is, not how it was made (that is metadata.json). */
export function toRecord(artifact: Artifact): ArtifactRecord {
  const { producedBy: _, ...fields } = artifact;
  const record: Record<string, unknown> = { ...fields };
  if ("target" in artifact && isTarget(artifact.target)) record.target = formatTarget(artifact.target);
  return record as unknown as ArtifactRecord;
}

function isTarget(value: unknown): value is Target {
  return typeof value === "object" && value !== null && "goos" in value && "goarch" in value;
}
