import { describe, expect, it } from "vitest";
import { encodeGoString, fromByteString, quote, quotedPrefix, toByteString, unquote } from "./go-string.js";

const bytes = (hex: string): string => Buffer.from(hex, "hex").toString("latin1");

// Inputs and outputs recorded from Go's strconv (hex of the bytes on each side).
const QUOTED: [string, string][] = [
  ["612062", "2261206222"],
  ["7461620968657265", "227461625c746865726522"],
  ["00011f", "225c7830305c7830315c78316622"],
  ["7f", "225c78376622"],
  ["c3a9", "22c3a922"],
  ["ff", "225c78666622"],
  ["c3", "225c78633322"],
  ["c2ad", "225c753030616422"],
  ["c2a0", "225c753030613022"],
  ["e280a8", "225c753230323822"],
  ["f09f9880", "22f09f988022"],
  ["ee8080", "225c756530303022"],
  ["f48fbfbf", "225c55303031306666666622"],
  ["07080c0a0d090b", "225c615c625c665c6e5c725c745c7622"],
  ["22605c", "225c22605c5c22"],
  ["eda080", "225c7865645c7861305c78383022"],
  ["f4908080", "225c7866345c7839305c7838305c78383022"],
  ["", "2222"],
];

// [input, unquoted or undefined, quoted prefix or undefined]
const UNQUOTED: [string, string | undefined, string | undefined][] = [
  [
    "22615c7834315c3130315c75303065395c55303030314636303022",
    "614141c3a9f09f9880",
    "22615c7834315c3130315c75303065395c55303030314636303022",
  ],
  ["607261770d0a7860", "7261770a78", "607261770d0a7860"],
  ["226261645c7122", undefined, undefined],
  ["225c2722", undefined, undefined],
  ["226e65770a6c696e6522", undefined, undefined],
  ["22ff5c6e22", "efbfbd0a", "22ff5c6e22"],
  ["22ff22", "efbfbd", "22ff22"],
  ["225c34303022", undefined, undefined],
  ["225c756438303022", undefined, undefined],
  ["6060", "", "6060"],
  ["22756e7465726d696e61746564", undefined, undefined],
  ["22612262", undefined, "226122"],
];

describe("quote", () => {
  it.each(QUOTED)("quotes %s as strconv.Quote does", (input, output) => {
    expect(quote(bytes(input))).toBe(bytes(output));
  });
});

describe("unquote and quotedPrefix", () => {
  it.each(UNQUOTED)("handles %s as strconv does", (input, value, prefix) => {
    expect(unquote(bytes(input))).toBe(value === undefined ? undefined : bytes(value));
    expect(quotedPrefix(bytes(input))).toBe(prefix === undefined ? undefined : bytes(prefix));
  });
});

describe("byte strings", () => {
  it("decodes UTF-8 and keeps invalid bytes as lone surrogates", () => {
    expect(fromByteString(bytes("c3a9"))).toBe("é");
    const odd = fromByteString(bytes("61ff62"));
    expect(odd).toBe("a\udcffb");
    expect(toByteString(odd)).toBe(bytes("61ff62"));
    expect(Buffer.from(encodeGoString(odd)).toString("hex")).toBe("61ff62");
  });

  it("round-trips astral characters", () => {
    expect(toByteString(fromByteString(bytes("f09f9880")))).toBe(bytes("f09f9880"));
  });
});
