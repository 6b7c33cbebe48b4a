// SBOMs from Go binaries' own build info, checked by the official validators and against `go version -m`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBuildInfoText } from "../../src/inspect/modinfo.js";
import { cyclonedxDocument } from "../../src/sbom/cyclonedx.js";
import { describeArtifact } from "../../src/sbom/describe.js";
import { formatJson } from "../../src/sbom/json.js";
import { spdxDocument } from "../../src/sbom/spdx.js";
import { h1ToHex, moduleComponent } from "../../src/sbom/subject.js";
import { runCli } from "../helpers/cli.js";
import { copyFixture } from "../helpers/fixture.js";
import {
  findTool,
  findValidatorPython,
  missingTools,
  validateDocuments,
} from "../helpers/supply-chain-tools.js";

const python = findValidatorPython();
const skipReason = missingTools({ go: findTool("go"), "SBOM validators (python venv)": python });

const goEnv = { ...process.env, GOENV: "off", GOFLAGS: "", GOTOOLCHAIN: "local", CGO_ENABLED: "0" };

describe.skipIf(skipReason !== undefined)(`SBOMs of a real Go binary ${skipReason ?? ""}`, () => {
  let work: string;
  let binary: string;
  let goVersionM: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "goship-sbom-"));
    const fixture = copyFixture("inspect-deps", { parent: work });
    binary = path.join(work, "inspectdeps");
    execFileSync("go", ["build", "-trimpath", "-mod=mod", "-o", binary, "."], { cwd: fixture, env: goEnv });
    goVersionM = execFileSync("go", ["version", "-m", binary], { env: goEnv, encoding: "utf8" });
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function documents() {
    const subject = await describeArtifact("inspectdeps", readFileSync(binary), {
      time: 1709294400,
      toolVersion: "0.1.0",
    });
    return { cdx: cyclonedxDocument(subject), spdx: spdxDocument(subject) };
  }

  it("passes the official CycloneDX 1.6 and SPDX 2.3 validators", async () => {
    const { cdx, spdx } = await documents();
    const cdxPath = path.join(work, "inspectdeps.cdx.json");
    const spdxPath = path.join(work, "inspectdeps.spdx.json");
    writeFileSync(cdxPath, formatJson(cdx));
    writeFileSync(spdxPath, formatJson(spdx));
    expect(validateDocuments(python!, [cdxPath, spdxPath])).toEqual({ [cdxPath]: null, [spdxPath]: null });
  });

  it("lists every dependency `go version -m` lists, with the same version and hash, and nothing else", async () => {
    const text = goVersionM
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^\t/, ""))
      .join("\n");
    const info = parseBuildInfoText(text);
    expect(info.deps.length).toBe(2);
    const expected = info.deps
      .map(moduleComponent)
      .map((c) => ({ name: c.name, version: c.version, sum: c.sum }));
    const { cdx, spdx } = await documents();
    const libraries = (
      cdx.components as { name: string; version: string; properties?: { name: string; value: string }[] }[]
    )
      .filter((c) => c.name !== "stdlib")
      .map((c) => ({
        name: c.name,
        version: c.version,
        sum: c.properties?.find((p) => p.name === "goship:module:sum")?.value ?? "",
      }));
    expect(libraries).toEqual(expected);
    const spdxModules = (
      spdx.packages as {
        name: string;
        versionInfo: string;
        primaryPackagePurpose: string;
        checksums?: { checksumValue: string }[];
      }[]
    )
      .filter((p) => p.primaryPackagePurpose === "LIBRARY" && p.name !== "stdlib")
      .map((p) => ({ name: p.name, version: p.versionInfo, sha256: p.checksums?.[0]?.checksumValue }));
    expect(spdxModules).toEqual(
      expected.map((e) => ({ name: e.name, version: e.version, sha256: h1ToHex(e.sum) })),
    );
  });

  it("`goship sbom` prints the same document for any Go binary", async () => {
    const result = await runCli(["sbom", binary], {
      env: { ...process.env, SOURCE_DATE_EPOCH: "1709294400" },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { metadata: { timestamp: string }; specVersion: string };
    expect(printed.specVersion).toBe("1.6");
    expect(printed.metadata.timestamp).toBe("2024-03-01T12:00:00Z");
  });
});
