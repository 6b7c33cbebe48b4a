import { describe, expect, it } from "vitest";
import { ImageReferenceError } from "./errors.js";
import { isLoopback, parseReference } from "./reference.js";

describe("parseReference", () => {
  it("reads registries, tags and digests as Docker does", () => {
    expect(parseReference("alpine")).toEqual({ registry: "docker.io", repository: "library/alpine" });
    expect(parseReference("user/app:v1")).toEqual({
      registry: "docker.io",
      repository: "user/app",
      tag: "v1",
    });
    expect(parseReference("127.0.0.1:5000/a/b:1.2")).toEqual({
      registry: "127.0.0.1:5000",
      repository: "a/b",
      tag: "1.2",
    });
    expect(parseReference("localhost/x")).toEqual({ registry: "localhost", repository: "x" });
    const digest = `sha256:${"a".repeat(64)}`;
    expect(parseReference(`ghcr.io/o/r@${digest}`)).toEqual({
      registry: "ghcr.io",
      repository: "o/r",
      digest,
    });
  });

  it("rejects what Docker would reject", () => {
    expect(() => parseReference("Upper/case")).toThrow(ImageReferenceError);
    expect(() => parseReference("a/b:bad tag")).toThrow(/tag/);
    expect(() => parseReference("a@sha256:12")).toThrow(/digest/);
    expect(() => parseReference("")).toThrow(/empty/);
  });

  it("uses plain HTTP only for loopback registries", () => {
    expect(isLoopback("127.0.0.1:5000")).toBe(true);
    expect(isLoopback("localhost:5000")).toBe(true);
    expect(isLoopback("ghcr.io")).toBe(false);
  });
});
