import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildNpmPackages, defaultDistTag, npmVersion } from "./packages.js";
import { nodePlatformOf } from "./platforms.js";
import { npmPublishArgs, publishOrder } from "./publish.js";
import { packumentUrl } from "./registry.js";
import { NPM_TARBALL_MTIME, packNpmPackage, tarballFileName } from "./tarball.js";

const info = {
  name: "@acme/tool",
  version: "1.2.3",
  description: "A tool",
  homepage: "https://acme.example",
  keywords: ["cli"],
  license: "MIT",
  author: "Acme",
  repository: "https://example.com/acme/tool.git",
  bugs: "",
};
const bin = (goos: string, goarch: string, level?: string) => ({
  target: { goos, goarch, level },
  binary: goos === "windows" ? "tool.exe" : "tool",
  data: Buffer.from(`${goos}-${goarch}`),
});

describe("npm packages", () => {
  it("maps Go targets to Node's platform and CPU names", () => {
    expect(nodePlatformOf({ goos: "windows", goarch: "amd64" })).toEqual({ os: "win32", cpu: "x64" });
    expect(nodePlatformOf({ goos: "linux", goarch: "386" })).toEqual({ os: "linux", cpu: "ia32" });
    expect(nodePlatformOf({ goos: "linux", goarch: "ppc64le" })).toEqual({ os: "linux", cpu: "ppc64" });
    expect(nodePlatformOf({ goos: "linux", goarch: "ppc64" })).toBeUndefined();
    expect(nodePlatformOf({ goos: "js", goarch: "wasm" })).toBeUndefined();
  });

  it("takes versions from the tag without v and gives prereleases their own dist-tag", () => {
    expect(npmVersion("v1.2.3")).toBe("1.2.3");
    expect(() => npmVersion("v1.2")).toThrow(/not semver/);
    expect(defaultDistTag("1.2.3")).toBe("latest");
    expect(defaultDistTag("1.2.3-rc.1")).toBe("rc");
    expect(defaultDistTag("1.2.3-0.beta")).toBe("next");
  });

  it("writes one package per platform and a main package pinning them exactly", () => {
    const packages = buildNpmPackages(info, [
      bin("linux", "amd64"),
      bin("windows", "arm64"),
      bin("darwin", "arm64"),
    ]);
    expect(packages.map((p) => p.name)).toEqual([
      "@acme/tool-darwin-arm64",
      "@acme/tool-linux-x64",
      "@acme/tool-win32-arm64",
      "@acme/tool",
    ]);
    const manifest = (i: number) =>
      JSON.parse(
        Buffer.from(packages[i]?.files.find((f) => f.path === "package.json")?.data ?? "").toString(),
      );
    expect(manifest(1)).toMatchObject({
      os: ["linux"],
      cpu: ["x64"],
      version: "1.2.3",
      preferUnplugged: true,
    });
    expect(manifest(1).scripts).toBeUndefined();
    expect(packages[2]?.files.map((f) => [f.path, f.mode])).toEqual([
      ["package.json", 0o644],
      ["bin/tool.exe", 0o755],
    ]);
    const main = manifest(3);
    expect(main.bin).toEqual({ tool: "bin/tool" });
    expect(main.optionalDependencies).toEqual({
      "@acme/tool-darwin-arm64": "1.2.3",
      "@acme/tool-linux-x64": "1.2.3",
      "@acme/tool-win32-arm64": "1.2.3",
    });
    expect(main.scripts).toBeUndefined();
  });

  it("refuses two builds of one binary for the same platform, and bad names", () => {
    expect(() => buildNpmPackages(info, [bin("linux", "amd64"), bin("linux", "amd64", "v3")])).toThrow(
      /two builds/,
    );
    expect(() => buildNpmPackages({ ...info, name: "Acme Tool" }, [bin("linux", "amd64")])).toThrow(
      /not valid/,
    );
    expect(() => buildNpmPackages(info, [bin("js", "wasm")])).toThrow(/install nothing/);
  });

  it("packs the same bytes every time, under package/ with npm's fixed mtime", async () => {
    const [pkg] = buildNpmPackages(info, [bin("linux", "amd64")]);
    if (!pkg) throw new Error("no package");
    const a = await packNpmPackage(pkg);
    const b = await packNpmPackage({ ...pkg, files: [...pkg.files].reverse() });
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.fileName).toBe("acme-tool-linux-x64-1.2.3.tgz");
    expect(a.integrity).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
    const tar = gunzipSync(a.data);
    expect(tar.subarray(0, 20).toString("latin1")).toMatch(/^package\/bin\/tool\0/);
    expect(Number.parseInt(tar.subarray(136, 147).toString("latin1"), 8)).toBe(NPM_TARBALL_MTIME);
    expect(new Date(NPM_TARBALL_MTIME * 1000).toISOString()).toBe("1985-10-26T08:15:00.000Z");
    expect(tarballFileName("tool", "1.0.0")).toBe("tool-1.0.0.tgz");
  });

  it("publishes platform packages first, with the tag, access and provenance asked for", () => {
    const items = [
      { name: "@acme/tool", role: "main" as const },
      { name: "@acme/tool-linux-x64", role: "platform" as const },
    ].map((t) => ({ ...t, version: "1.0.0", file: "/x.tgz", integrity: "" }));
    expect(publishOrder(items).map((t) => t.name)).toEqual(["@acme/tool-linux-x64", "@acme/tool"]);
    expect(
      npmPublishArgs(
        "/x.tgz",
        { tag: "rc", access: "public", provenance: true },
        "https://r.example/",
        undefined,
      ),
    ).toEqual([
      "publish",
      "/x.tgz",
      "--registry",
      "https://r.example/",
      "--tag",
      "rc",
      "--access",
      "public",
      "--provenance",
      "--no-audit",
      "--no-fund",
    ]);
    expect(packumentUrl("http://127.0.0.1:4873", "@acme/tool")).toBe("http://127.0.0.1:4873/@acme%2Ftool");
  });
});
