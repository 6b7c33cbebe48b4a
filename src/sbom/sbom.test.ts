import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rfc3339 as isoSeconds } from "../git/state.js";
import { parseBuildInfoText } from "../inspect/modinfo.js";
import { cyclonedxDocument } from "./cyclonedx.js";
import { describeContents } from "./describe.js";
import { contentUuid } from "./ids.js";
import { goPurl, stdlibPurl } from "./purl.js";
import { spdxDocument, spdxId } from "./spdx.js";
import { h1ToHex, moduleComponent, type SbomSubject } from "./subject.js";

const info = parseBuildInfoText(
  [
    "path\texample.com/api/cmd/api",
    "mod\texample.com/api\tv1.2.3\t",
    "dep\texample.com/old\tv1.0.0",
    "=>\texample.com/new\tv1.1.0\th1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=",
    "dep\texample.com/local\tv0.0.0",
    "=>\t./local\t(devel)\t",
    "dep\tgithub.com/google/uuid\tv1.6.0\th1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=",
    "build\tGOOS=linux",
    "build\tGOARCH=arm64",
    "",
  ].join("\n"),
  "go1.26.8",
);

const subject: SbomSubject = {
  name: "api_1.2.3_linux_arm64.tar.gz",
  sha256: "a".repeat(64),
  size: 10,
  kind: "archive",
  binaries: [{ path: "api", sha256: "b".repeat(64), size: 5, info }],
  files: [
    { path: "README.md", sha1: "c".repeat(40), sha256: "c".repeat(64), size: 2 },
    { path: "api", sha1: "d".repeat(40), sha256: "b".repeat(64), size: 5 },
  ],
  time: 1709294400,
  toolVersion: "0.1.0",
};

describe("purls", () => {
  it("writes Go module purls with sorted qualifiers and a subpath", () => {
    expect(
      goPurl("example.com/api", {
        version: "v1.2.3",
        qualifiers: { type: "module", goos: "linux", goarch: "" },
        subpath: "cmd/api",
      }),
    ).toBe("pkg:golang/example.com/api@v1.2.3?goos=linux&type=module#cmd/api");
    expect(goPurl("example.com/a b", { version: "v0.0.0-2024+dirty" })).toBe(
      "pkg:golang/example.com/a%20b@v0.0.0-2024%2Bdirty",
    );
    expect(stdlibPurl("go1.26.8")).toBe("pkg:golang/stdlib@1.26.8");
  });
});

describe("identifiers and times", () => {
  it("derives version-5 UUIDs from content and prints times without fractions", () => {
    expect(contentUuid("x")).toBe(contentUuid("x"));
    expect(contentUuid("x")).not.toBe(contentUuid("y"));
    expect(contentUuid("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isoSeconds(1709294400)).toBe("2024-03-01T12:00:00Z");
    expect(spdxId("Package", "example.com/x@v1")).toBe("SPDXRef-Package-example.com-x-v1");
  });
});

describe("module components", () => {
  it("states what was compiled in: replacements by their replacement, directories by the required module", () => {
    const [old, local, uuid] = info.deps.map(moduleComponent);
    expect(old).toMatchObject({ name: "example.com/new", version: "v1.1.0", path: "example.com/old" });
    expect(local).toMatchObject({ name: "example.com/local", version: "v0.0.0", sum: "" });
    expect(uuid).toMatchObject({ name: "github.com/google/uuid", version: "v1.6.0" });
    expect(h1ToHex(uuid!.sum)).toBe("348bda24330eb231c0f27d630212d2833ac0cf2d4782bfa136b6f9edefbde05d");
    expect(h1ToHex("")).toBeUndefined();
  });
});

describe("documents", () => {
  it("describes an archive: its files, the binary in it, its modules and the standard library", () => {
    const cdx = cyclonedxDocument(subject) as {
      components: { "bom-ref": string }[];
      dependencies: unknown[];
      metadata: { timestamp: string };
    };
    expect(cdx.metadata.timestamp).toBe("2024-03-01T12:00:00Z");
    expect(cdx.components.map((c) => c["bom-ref"])).toEqual([
      "file:README.md",
      "file:api",
      "pkg:golang/example.com/local@v0.0.0?type=module",
      "pkg:golang/example.com/new@v1.1.0?type=module",
      "pkg:golang/github.com/google/uuid@v1.6.0?type=module",
      "pkg:golang/stdlib@1.26.8",
    ]);
    expect(cdx.dependencies).toContainEqual({
      ref: "file:api_1.2.3_linux_arm64.tar.gz",
      dependsOn: ["file:README.md", "file:api"],
    });
    const spdx = spdxDocument(subject) as { files: unknown[]; packages: { name: string }[] };
    expect(spdx.files).toHaveLength(2);
    expect(spdx.packages.map((p) => p.name)).toEqual([
      "api_1.2.3_linux_arm64.tar.gz",
      "example.com/api",
      "example.com/new",
      "example.com/local",
      "github.com/google/uuid",
      "stdlib",
    ]);
  });

  it("gives the same bytes for the same subject", () => {
    expect(JSON.stringify(spdxDocument(subject))).toBe(JSON.stringify(spdxDocument({ ...subject })));
    expect(JSON.stringify(cyclonedxDocument(subject))).not.toBe(
      JSON.stringify(cyclonedxDocument({ ...subject, sha256: "e".repeat(64) })),
    );
  });
});

describe("describeContents", () => {
  it("lists a package's files relative to the root, sorted, with their digests", async () => {
    const described = await describeContents(
      "app_1.0.0_amd64.deb",
      Buffer.from("package bytes"),
      [
        { path: "/usr/share/doc/app/copyright", data: Buffer.from("MIT") },
        { path: "/etc/app.conf", data: Buffer.from("a=1\n") },
      ],
      { time: 1709294400, toolVersion: "0.1.0" },
    );
    expect(described.kind).toBe("archive");
    expect(described.binaries).toEqual([]);
    expect(described.files.map((f) => f.path)).toEqual(["etc/app.conf", "usr/share/doc/app/copyright"]);
    expect(described.files[0]?.sha256).toBe(createHash("sha256").update("a=1\n").digest("hex"));
    const spdx = spdxDocument(described) as { files: { fileName: string }[] };
    expect(spdx.files.map((f) => f.fileName)).toEqual(["./etc/app.conf", "./usr/share/doc/app/copyright"]);
  });
});
