import { describe, expect, it } from "vitest";
import { noGit, releaseTime, rfc3339 } from "./state.js";

describe("release time", () => {
  const git = { ...noGit, isRepo: true, commit: "abc", commitTime: 1709294400 };

  it("is the commit time, or SOURCE_DATE_EPOCH when set", () => {
    expect(releaseTime(git, undefined)).toBe(1709294400);
    expect(releaseTime(git, "")).toBe(1709294400);
    expect(releaseTime(git, "1700000000")).toBe(1700000000);
  });

  it("is fixed outside git so even that build is deterministic", () => {
    expect(releaseTime(noGit, undefined)).toBe(315532800);
  });

  it("rejects a malformed SOURCE_DATE_EPOCH", () => {
    expect(() => releaseTime(git, "1.5")).toThrow(/SOURCE_DATE_EPOCH must be a whole number/);
    expect(() => releaseTime(git, "yesterday")).toThrow(/SOURCE_DATE_EPOCH/);
  });

  it("formats RFC 3339 in UTC without fractions", () => {
    expect(rfc3339(1709294400)).toBe("2024-03-01T12:00:00Z");
  });
});
