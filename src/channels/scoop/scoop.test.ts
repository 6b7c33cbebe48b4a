import { describe, expect, it } from "vitest";
import { asset, releaseAssets } from "../sample.test-data.js";
import { writeScoopManifest } from "./manifest.js";

const spec = {
  version: "1.2.3",
  homepage: "https://acme.example",
  license: "MIT",
  description: "A <fast> tool & more",
  persist: ["data"],
  preInstall: [],
  postInstall: ['Write-Host "done"'],
  depends: [],
  shortcuts: [["tool.exe", "Tool"]],
};

/** The rules of Scoop's manifest schema (draft-07) that a generated manifest can break. */
function schemaProblems(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const allowed = [
    "version",
    "architecture",
    "homepage",
    "license",
    "description",
    "persist",
    "pre_install",
    "post_install",
    "depends",
    "shortcuts",
  ];
  for (const key of Object.keys(manifest)) if (!allowed.includes(key)) problems.push(`unknown ${key}`);
  for (const key of ["version", "homepage", "license"])
    if (!(key in manifest)) problems.push(`missing ${key}`);
  if (!/^[\w.\-+_]+$/.test(String(manifest.version))) problems.push("version pattern");
  const arches = manifest.architecture as Record<string, { url: string; bin: string[]; hash: string }>;
  for (const [arch, entry] of Object.entries(arches)) {
    if (!["32bit", "64bit", "arm64"].includes(arch)) problems.push(`architecture ${arch}`);
    if (!/^[a-fA-F0-9]{64}$/.test(entry.hash)) problems.push(`${arch} hash`);
    if (!/^https?:\/\/\S+$/.test(entry.url) || entry.url.includes("$")) problems.push(`${arch} url`);
    if (!Array.isArray(entry.bin) || entry.bin.length === 0) problems.push(`${arch} bin`);
  }
  return problems;
}

describe("Scoop manifest", () => {
  it("writes Go's 4-space JSON with HTML-safe escapes, architectures sorted", () => {
    const text = writeScoopManifest(spec, [...releaseAssets, asset("windows", "386")]);
    expect(text).toMatchSnapshot();
    expect(text).toContain('"description": "A \\u003cfast\\u003e tool \\u0026 more"');
    expect(schemaProblems(JSON.parse(text))).toEqual([]);
  });
  it("prefixes binaries with the archive's folder and leaves empty fields out", () => {
    const wrapped = asset("windows", "amd64", { wrappedIn: "tool_1.2.3_windows_amd64" });
    const manifest = JSON.parse(
      writeScoopManifest({ ...spec, persist: [], postInstall: [], shortcuts: [], description: "" }, [
        wrapped,
      ]),
    );
    expect(manifest.architecture["64bit"].bin).toEqual(["tool_1.2.3_windows_amd64/tool.exe"]);
    expect(Object.keys(manifest)).toEqual(["version", "architecture", "homepage", "license"]);
  });
  it("refuses a release without Windows archives, or two for one architecture", () => {
    expect(() => writeScoopManifest(spec, [asset("linux", "amd64")])).toThrow(/no Windows archive/);
    expect(() => writeScoopManifest(spec, [asset("windows", "amd64"), asset("windows", "amd64")])).toThrow(
      /two Windows archives/,
    );
  });
});
