// The one mutable part of a release: what its steps made, in the order they made it.
import { formatTarget, type Target } from "../go/targets.js";
import type { Artifact, ArtifactKind, ArtifactOf } from "./artifact.js";

export type Predicate<A extends Artifact = Artifact> = (artifact: Artifact) => artifact is A;

export function byKind<K extends ArtifactKind>(kind: K): Predicate<ArtifactOf<K>> {
  return (a): a is ArtifactOf<K> => a.kind === kind;
}

export function byTarget(target: Target): (artifact: Artifact) => boolean {
  const id = formatTarget(target);
  return (a) => "target" in a && formatTarget(a.target) === id;
}

export class ArtifactRegistry {
  readonly #items: Artifact[] = [];

  add(artifact: Artifact): void {
    if (this.#items.some((a) => a.name === artifact.name || a.path === artifact.path)) {
      throw new Error(`duplicate artifact ${artifact.path}`);
    }
    this.#items.push(artifact);
  }

  list(): readonly Artifact[] {
    return [...this.#items];
  }

  filter<A extends Artifact>(predicate: Predicate<A>): A[];
  filter(predicate: (artifact: Artifact) => boolean): Artifact[];
  filter(predicate: (artifact: Artifact) => boolean): Artifact[] {
    return this.#items.filter(predicate);
  }

  /** The stable JSON form written to artifacts.json: sorted by path, no absolute paths. */
  toJSON(): object[] {
    return [...this.#items]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((a) => ({ ...a, ...("target" in a ? { target: formatTarget(a.target) } : {}) }));
  }
}
