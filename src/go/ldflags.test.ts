import { expect, it } from "vitest";
import { splitQuoted, stampsInLdflags } from "./ldflags.js";

it("finds -X stamps in an -ldflags value split the way cmd/go splits it", () => {
  expect(splitQuoted(`-s -w -X "a.b=Acme Release Team" -X 'c.d=x'`)).toEqual([
    "-s",
    "-w",
    "-X",
    "a.b=Acme Release Team",
    "-X",
    "c.d=x",
  ]);
  expect(
    stampsInLdflags(
      `-s -w -X main.version=1.2.3 -X=main.commit=abc -X "v.BuiltBy=Acme Team" -extldflags -static`,
    ),
  ).toEqual([
    ["main.version", "1.2.3"],
    ["main.commit", "abc"],
    ["v.BuiltBy", "Acme Team"],
  ]);
});
