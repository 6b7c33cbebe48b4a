import { describe, expect, it } from "vitest";
import { canonicalJson } from "./blob.js";
import { buildImageSet } from "./build.js";
import { runConfig } from "./image.js";
import { layerEntries } from "./layer.js";
import { layoutFiles, withRefName } from "./layout.js";
import { platformOf } from "./platform.js";

describe("image building blocks", () => {
  it("writes canonical JSON: sorted keys, no undefined, no spaces", () => {
    expect(Buffer.from(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toString()).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("adds every parent directory so a layer unpacks onto scratch", () => {
    const entries = layerEntries([{ path: "/usr/local/bin/api", mode: 0o755, data: new Uint8Array(1) }]);
    expect(entries.map((e) => `${e.kind}:${e.path}`)).toEqual([
      "dir:usr",
      "dir:usr/local",
      "dir:usr/local/bin",
      "file:usr/local/bin/api",
    ]);
  });

  it("merges run settings over a base as Docker does", () => {
    const base = { Env: ["PATH=/bin", "A=1"], Cmd: ["sh"], Labels: { x: "1" }, User: "0" };
    expect(
      runConfig(base, {
        entrypoint: ["/api"],
        env: ["PATH=/usr/bin"],
        labels: { y: "2" },
        exposedPorts: ["8080"],
      }),
    ).toEqual({
      Env: ["PATH=/usr/bin", "A=1"],
      Entrypoint: ["/api"],
      Labels: { x: "1", y: "2" },
      User: "0",
      ExposedPorts: { "8080/tcp": {} },
    });
  });

  it("maps target levels to OCI platform variants", () => {
    expect(platformOf({ goos: "linux", goarch: "amd64" })).toEqual({ os: "linux", architecture: "amd64" });
    expect(platformOf({ goos: "linux", goarch: "amd64", level: "v3" })).toEqual({
      os: "linux",
      architecture: "amd64",
      variant: "v3",
    });
    expect(platformOf({ goos: "linux", goarch: "arm", level: "7" })).toEqual({
      os: "linux",
      architecture: "arm",
      variant: "v7",
    });
    expect(platformOf({ goos: "linux", goarch: "arm64" })).toEqual({ os: "linux", architecture: "arm64" });
  });

  it("gives the same digests and layout bytes whatever the input order", async () => {
    const make = (order: string[]) =>
      buildImageSet({
        platforms: order.map((arch) => ({
          platform: { os: "linux", architecture: arch },
          layers: [
            { files: [{ path: "/app", mode: 0o755, data: Buffer.from(arch) }], createdBy: "COPY app /app" },
          ],
        })),
        settings: { entrypoint: ["/app"] },
        time: 1709294400,
        annotations: {},
      });
    const a = await make(["amd64", "arm64"]);
    const b = await make(["amd64", "arm64"]);
    expect(a.root).toEqual(b.root);
    const filesA = layoutFiles(a.blobs, [withRefName(a.root, "v1"), withRefName(a.root, "latest")]);
    const filesB = layoutFiles([...b.blobs].reverse(), [
      withRefName(b.root, "latest"),
      withRefName(b.root, "v1"),
    ]);
    expect(filesA).toEqual(filesB);
    const config = JSON.parse(Buffer.from(a.images[0]?.config.bytes ?? []).toString());
    expect(config.created).toBe("2024-03-01T12:00:00Z");
    expect(config.history).toEqual([
      { comment: "goship", created: "2024-03-01T12:00:00Z", created_by: "COPY app /app" },
    ]);
  });
});
