import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { loadTimings, longestFirst, saveTimings } from "./timings.js";

describe("longestFirst", () => {
  it("starts unknown targets first, then the slowest, keeping the given order on ties", () => {
    const order = longestFirst(["a", "b", "c", "d"], (x) => x, { a: 100, b: 900, d: 100 });
    expect(order).toEqual(["c", "b", "a", "d"]);
  });
});

describe("timings store", () => {
  it("merges what each run measured", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "goship-timings-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(await loadTimings(dir, "example.com/x")).toEqual({});
    await saveTimings(dir, "example.com/x", { "linux/amd64": 5 });
    await saveTimings(dir, "example.com/x", { "windows/amd64": 7 });
    expect(await loadTimings(dir, "example.com/x")).toEqual({ "linux/amd64": 5, "windows/amd64": 7 });
    expect(await loadTimings(dir, "example.com/y")).toEqual({});
  });
});
