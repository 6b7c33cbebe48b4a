import { describe, expect, it } from "vitest";
import { writePkgbuild, writeSrcinfo } from "./aur/pkgbuild.js";
import { writeCask } from "./homebrew/cask.js";
import { defaultInstall, writeFormula } from "./homebrew/formula.js";
import { checkReferences, downloadReferences } from "./references.js";
import { minimalCask, minimalFormula, releaseAssets } from "./sample.test-data.js";
import { writeScoopManifest } from "./scoop/manifest.js";

const assets = new Map(releaseAssets.map((a) => [a.name, a.sha256]));
const unix = releaseAssets.filter((a) => a.goos !== "windows");
const aurSpec = {
  header: "#",
  name: "tool-bin",
  version: "1.2.3",
  rel: "1",
  description: "",
  homepage: "",
  license: "MIT",
  maintainers: [],
  contributors: [],
  provides: [],
  conflicts: [],
  depends: [],
  optDepends: [],
  backup: [],
  package: "",
  install: "",
};

describe("download references", () => {
  it("finds every url and digest, and they match the release", () => {
    const cases = [
      downloadReferences("ruby", writeCask(minimalCask, unix), "1.2.3"),
      downloadReferences(
        "ruby",
        writeFormula(
          minimalFormula,
          unix.map((a) => ({ asset: a, install: defaultInstall(a, "", "") })),
        ),
        "1.2.3",
      ),
      downloadReferences("pkgbuild", writePkgbuild(aurSpec, releaseAssets), "1.2.3"),
      downloadReferences("srcinfo", writeSrcinfo(aurSpec, releaseAssets), "1.2.3"),
      downloadReferences(
        "scoop",
        writeScoopManifest(
          {
            version: "1.2.3",
            homepage: "",
            license: "",
            description: "",
            persist: [],
            preInstall: [],
            postInstall: [],
            depends: [],
            shortcuts: [],
          },
          releaseAssets,
        ),
        "1.2.3",
      ),
    ];
    expect(cases.map((refs) => refs.length)).toEqual([4, 4, 2, 2, 2]);
    for (const refs of cases) expect(checkReferences(refs, assets)).toEqual([]);
  });
  it("reports a digest that differs and a URL naming no asset", () => {
    const [first] = releaseAssets;
    const problems = checkReferences(
      [
        { url: `https://x.example/${first?.name}`, sha256: "c".repeat(64) },
        { url: "https://x.example/other.tar.gz", sha256: "a".repeat(64) },
      ],
      assets,
    );
    expect(problems).toEqual([
      expect.stringMatching(/sha256 c+ differs/),
      "https://x.example/other.tar.gz names other.tar.gz, which is not an asset of this release",
    ]);
  });
});
