import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hasTool } from "../../test/helpers/tools.js";
import { type Compression, compress } from "./compress.js";

// Half random, half repetitive: both paths of every encoder are exercised.
const input = Buffer.concat([randomBytes(200_000), Buffer.alloc(300_000, "goship ")]);
const tools: Record<Exclude<Compression, "none">, string[]> = {
  gzip: ["gzip", "-dc"],
  zstd: ["zstd", "-dc"],
};

describe.each(Object.keys(tools) as Exclude<Compression, "none">[])("%s", (compression) => {
  it("gives the same bytes twice and the real tool decompresses them", async (ctx) => {
    const first = await compress(input, compression);
    expect((await compress(input, compression)).equals(first)).toBe(true);
    expect(first.length).toBeLessThan(input.length);
    const [command = "", ...args] = tools[compression];
    if (!hasTool(command)) return ctx.skip(`${command} is not installed`);
    const result = spawnSync(command, args, { input: first, maxBuffer: 8 * 1024 * 1024 });
    expect(result.status, String(result.stderr)).toBe(0);
    expect(Buffer.compare(result.stdout, input)).toBe(0);
  });
});
