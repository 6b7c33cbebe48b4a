import { describe, expect, it } from "vitest";
import { parseShard, partitionTargets, slowestShare } from "./partition.js";

const six = ["linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"];

describe("partitionTargets", () => {
  it("covers every target exactly once, whatever n", () => {
    for (const n of [1, 2, 3, 4, 6, 8]) {
      const shares = partitionTargets(six, n);
      expect(shares).toHaveLength(n);
      expect(shares.flat().sort()).toEqual([...six].sort());
    }
  });

  it("balances equal weights and keeps each share in the list's order", () => {
    expect(partitionTargets(six, 3)).toEqual([
      ["linux/amd64", "darwin/arm64"],
      ["linux/arm64", "windows/amd64"],
      ["darwin/amd64", "windows/arm64"],
    ]);
  });

  it("puts the heaviest targets first, on the least loaded runner", () => {
    const weights = { "windows/amd64": 9, "linux/amd64": 5, "linux/arm64": 4 };
    const shares = partitionTargets(["linux/amd64", "linux/arm64", "windows/amd64"], 2, weights);
    expect(shares).toEqual([["windows/amd64"], ["linux/amd64", "linux/arm64"]]);
    expect(slowestShare(shares, weights)).toBe(9);
  });

  it("is stable: the same inputs give the same partition", () => {
    const weights = Object.fromEntries(six.map((id, i) => [id, (i * 7) % 5]));
    expect(partitionTargets(six, 4, weights)).toEqual(partitionTargets([...six], 4, { ...weights }));
  });

  it("leaves a runner empty when there are more runners than targets", () => {
    expect(partitionTargets(["linux/amd64"], 2)).toEqual([["linux/amd64"], []]);
  });
});

describe("parseShard", () => {
  it("reads i/n and explains what is wrong", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard("0/3")).toMatch(/i must be from 1 to 3/);
    expect(parseShard("4/3")).toMatch(/i must be from 1 to 3/);
    expect(parseShard("2")).toMatch(/takes i\/n/);
    expect(parseShard("1/0")).toMatch(/n must be from 1/);
  });
});
