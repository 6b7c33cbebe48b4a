import { describe, expect, it } from "vitest";
import {
  asset,
  fullCask,
  fullFormula,
  minimalCask,
  minimalFormula,
  releaseAssets,
} from "../sample.test-data.js";
import { caskToken, writeCask } from "./cask.js";
import { defaultInstall, formulaClassName, writeFormula } from "./formula.js";

const formulaPackages = (assets = releaseAssets) =>
  assets.filter((a) => a.goos !== "windows").map((a) => ({ asset: a, install: defaultInstall(a, "", "") }));

describe("Homebrew cask", () => {
  it("writes the minimal cask", () => {
    expect(
      writeCask(
        minimalCask,
        releaseAssets.filter((a) => a.goos !== "windows"),
      ),
    ).toMatchSnapshot();
  });
  it("writes every stanza, in Homebrew's order", () => {
    const wrapped = releaseAssets.map((a) => ({ ...a, wrappedIn: `tool_1.2.3_${a.goos}_${a.goarch}` }));
    expect(
      writeCask(
        fullCask,
        wrapped.filter((a) => a.goos !== "windows"),
      ),
    ).toMatchSnapshot();
  });
  it("warns arm64 Macs when only an amd64 build exists, and takes raw binaries", () => {
    const bin = asset("darwin", "amd64", {
      type: "binary",
      format: "binary",
      name: "tool_darwin_amd64",
      binaries: ["tool"],
    });
    expect(writeCask(minimalCask, [bin])).toMatchSnapshot();
  });
  it("lower-cases the token and refuses two archives for one platform", () => {
    expect(caskToken("My Tool")).toBe("my-tool");
    expect(() => writeCask(minimalCask, [asset("linux", "amd64"), asset("linux", "amd64")])).toThrow(
      /two archives for linux\/amd64/,
    );
  });
});

describe("Homebrew formula", () => {
  it("names the class as Homebrew expects", () => {
    expect(formulaClassName("tool-cli")).toBe("ToolCli");
    expect(formulaClassName("foo_bar.baz")).toBe("FooBarBaz");
    expect(formulaClassName("c++tool")).toBe("Cxxtool");
    expect(formulaClassName("node@18")).toBe("NodeAT18");
  });
  it("writes a formula for macOS and Linux", () => {
    expect(writeFormula(minimalFormula, formulaPackages())).toMatchSnapshot();
  });
  it("writes every optional part", () => {
    expect(writeFormula(fullFormula, formulaPackages())).toMatchSnapshot();
  });
  it("writes macOS-only and Linux-only formulas", () => {
    expect(writeFormula(minimalFormula, formulaPackages([asset("darwin", "amd64")]))).toMatchSnapshot();
    expect(
      writeFormula(
        minimalFormula,
        formulaPackages([asset("linux", "arm64"), asset("linux", "arm", { level: "6" })]),
      ),
    ).toMatchSnapshot();
  });
});
