import { describe, expect, it } from "vitest";
import type { BuildInfo } from "../inspect/index.js";
import { diffFields } from "./archive-diff.js";
import {
  buildInfoFields,
  diffBinaries,
  diffSections,
  firstDifference,
  looksExecutable,
} from "./binary-diff.js";

const info = (overrides: Partial<BuildInfo> = {}): BuildInfo => ({
  goVersion: "go1.26.8",
  path: "example.com/api/cmd/api",
  main: { path: "example.com/api", version: "v1.2.3", sum: "" },
  deps: [{ path: "github.com/google/uuid", version: "v1.6.0", sum: "h1:abc=" }],
  settings: [
    { key: "-trimpath", value: "true" },
    { key: "CGO_ENABLED", value: "0" },
  ],
  ...overrides,
});

describe("build info differences", () => {
  it("names the Go version, dependency and setting that differ", () => {
    const other = info({
      goVersion: "go1.25.0",
      deps: [{ path: "github.com/google/uuid", version: "v1.5.0", sum: "h1:def=" }],
      settings: [
        { key: "-ldflags", value: "-X main.version=v9" },
        { key: "CGO_ENABLED", value: "0" },
      ],
    });
    expect(diffFields(buildInfoFields(info()), buildInfoFields(other))).toEqual([
      { field: "Go version", release: "go1.26.8", rebuild: "go1.25.0" },
      { field: "dep github.com/google/uuid", release: "v1.6.0 h1:abc=", rebuild: "v1.5.0 h1:def=" },
      { field: "build -trimpath", release: "true", rebuild: "(absent)" },
      { field: "build -ldflags", release: "(absent)", rebuild: "-X main.version=v9" },
    ]);
  });
});

describe("section differences", () => {
  const a = Buffer.from("HEADtext-AAAAdata-1234");
  const b = Buffer.from("HEADtext-AAAAAdata-1235");
  const rangesA = [
    { name: ".text", offset: 4, size: 9 },
    { name: ".data", offset: 13, size: 9 },
  ];
  const rangesB = [
    { name: ".text", offset: 4, size: 10 },
    { name: ".data", offset: 14, size: 9 },
    { name: ".symtab", offset: 23, size: 0 },
  ];

  it("gives each differing section with both offsets and the first differing byte", () => {
    expect(diffSections(a, rangesA, b, rangesB)).toEqual([
      { name: ".text", release: rangesA[0], rebuild: rangesB[0], firstDifference: 9 },
      { name: ".data", release: rangesA[1], rebuild: rangesB[1], firstDifference: 8 },
      { name: ".symtab", release: undefined, rebuild: rangesB[2], firstDifference: undefined },
    ]);
  });

  it("treats the bytes before the first section as the headers", () => {
    const c = Buffer.from(a);
    c[1] = 0x41;
    expect(diffSections(a, rangesA, c, rangesA).map((d) => [d.name, d.firstDifference])).toEqual([
      ["(headers)", 1],
    ]);
  });

  it("reports a moved section whose bytes are the same", () => {
    const moved = Buffer.concat([Buffer.from("HEADx"), a.subarray(4)]);
    const d = diffSections(a, [rangesA[0]!], moved, [{ name: ".text", offset: 5, size: 9 }]);
    expect(d).toEqual([
      {
        name: "(headers)",
        release: { name: "(headers)", offset: 0, size: 4 },
        rebuild: { name: "(headers)", offset: 0, size: 5 },
        firstDifference: 4,
      },
      {
        name: ".text",
        release: rangesA[0],
        rebuild: { name: ".text", offset: 5, size: 9 },
        firstDifference: undefined,
      },
    ]);
  });
});

describe("helpers", () => {
  it("finds the first differing byte, or -1", () => {
    expect(firstDifference(Buffer.from("abc"), Buffer.from("abd"))).toBe(2);
    expect(firstDifference(Buffer.from("ab"), Buffer.from("abc"))).toBe(2);
    expect(firstDifference(Buffer.from("abc"), Buffer.from("abc"))).toBe(-1);
  });

  it("recognises ELF, PE and Mach-O by magic", () => {
    expect(looksExecutable(Buffer.from("\x7fELF\x02", "latin1"))).toBe(true);
    expect(looksExecutable(Buffer.from("MZ\x90\x00", "latin1"))).toBe(true);
    expect(looksExecutable(Buffer.from([0xcf, 0xfa, 0xed, 0xfe]))).toBe(true);
    expect(looksExecutable(Buffer.from("#!/bin/sh"))).toBe(false);
  });

  it("falls back to the first differing byte for files that are not executables", async () => {
    const diff = await diffBinaries(
      Buffer.from("\x7fELF-but-not-really", "latin1"),
      Buffer.from("\x7fELF-but-not-reallY", "latin1"),
    );
    expect(diff.unreadable).toBeDefined();
    expect(diff.firstDifference).toBe(18);
  });
});
