// Which targets each of n runners builds. Every runner computes the whole partition from the same
// inputs (the target list and the weights) and keeps its own share, so the runners never talk to
// each other and the merge can check that the shares add up.

/** A runner's share: 1-based index, as people count CI jobs. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Relative build cost of a target id (`linux/amd64`); missing ids weigh `defaultWeight`. */
export type Weights = Readonly<Record<string, number>>;

export const defaultWeight = 1;

/**
 * Longest-processing-time bin packing: the heaviest target goes to the least loaded runner, ties
 * broken by the target's place in the list and then by the runner's index, so the result depends
 * only on the inputs. Returns one list of target ids per runner, in the targets' original order.
 */
export function partitionTargets(ids: readonly string[], count: number, weights: Weights = {}): string[][] {
  const order = ids
    .map((id, place) => ({ id, place, weight: weights[id] ?? defaultWeight }))
    .sort((a, b) => b.weight - a.weight || a.place - b.place);
  const bins = Array.from({ length: count }, () => ({ load: 0, places: [] as number[] }));
  for (const item of order) {
    let lightest = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i]!.load < bins[lightest]!.load) lightest = i;
    bins[lightest]!.load += item.weight;
    bins[lightest]!.places.push(item.place);
  }
  return bins.map((bin) => bin.places.sort((a, b) => a - b).map((place) => ids[place]!));
}

/** The predicted wall time of a partition: its most loaded runner. */
export function slowestShare(shares: readonly (readonly string[])[], weights: Weights): number {
  return Math.max(
    ...shares.map((share) => share.reduce((sum, id) => sum + (weights[id] ?? defaultWeight), 0)),
  );
}

/** Parses `i/n` (1 ≤ i ≤ n ≤ 256); undefined with the reason when it is not one. */
export function parseShard(text: string): ShardSpec | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard takes i/n, e.g. --shard 2/3, not "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 256) return `--shard's n must be from 1 to 256, not ${count}`;
  if (index < 1 || index > count) return `--shard's i must be from 1 to ${count}, not ${index}`;
  return { index, count };
}
