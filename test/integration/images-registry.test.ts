// Images against their real consumers: layouts read by skopeo and umoci, pushes to Debian's
// docker-registry (anonymous and htpasswd), binaries run from the unpacked root filesystems.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildImageSet, type ImageSet } from "../../src/oci/build.js";
import { RegistryAuthError } from "../../src/oci/errors.js";
import { standardAnnotations } from "../../src/oci/image.js";
import { Layout, layoutFiles, withRefName, writeLayoutDir } from "../../src/oci/layout.js";
import { pushImages } from "../../src/oci/push.js";
import { fixturesDir } from "../helpers/fixture.js";
import { haveTool, startRegistry, type TestRegistry } from "../helpers/registry.js";

const tools = ["go", "docker-registry", "skopeo", "umoci", "htpasswd", "qemu-aarch64-static"];
const have = tools.every((t) =>
  haveTool(t, t === "go" ? ["version"] : t === "htpasswd" ? ["-h"] : ["--version"]),
);
const work = mkdtempSync(path.join(os.tmpdir(), "goship-images-"));
const time = 1709294400;
const binaries: Record<string, Buffer> = {};
let registry: TestRegistry;
let authRegistry: TestRegistry;
let bearerRegistry: TestRegistry;
let set: ImageSet;
let layoutDir: string;

function goBuild(goarch: string): Buffer {
  const out = path.join(work, `hello-${goarch}`);
  execFileSync(
    "go",
    ["build", "-trimpath", "-ldflags=-s -w -buildid= -X main.version=v1.2.3", "-o", out, "./cmd/hello"],
    {
      cwd: path.join(fixturesDir, "imagehello"),
      env: {
        ...process.env,
        CGO_ENABLED: "0",
        GOOS: "linux",
        GOARCH: goarch,
        GOFLAGS: "",
        GOENV: "off",
        GOTOOLCHAIN: "local",
      },
    },
  );
  return readFileSync(out);
}

async function makeSet(): Promise<ImageSet> {
  return buildImageSet({
    platforms: ["amd64", "arm64"].map((arch) => ({
      platform: { os: "linux", architecture: arch },
      layers: [
        {
          files: [{ path: "/usr/local/bin/hello", mode: 0o755, data: binaries[arch] as Buffer }],
          createdBy: "COPY hello /usr/local/bin/hello",
        },
      ],
    })),
    settings: { entrypoint: ["/usr/local/bin/hello"], env: ["PATH=/usr/local/bin"], labels: { a: "b" } },
    time,
    annotations: standardAnnotations({ revision: "abc", version: "v1.2.3", created: "2024-03-01T12:00:00Z" }),
  });
}

async function writeLayout(set: ImageSet, dir: string, refs: string[]): Promise<void> {
  await writeLayoutDir(
    dir,
    layoutFiles(
      set.blobs,
      refs.map((r) => withRefName(set.root, r)),
    ),
  );
}

const skopeo = (...args: string[]) => execFileSync("skopeo", args, { encoding: "utf8", cwd: work });

beforeAll(async () => {
  if (!have) return;
  binaries.amd64 = goBuild("amd64");
  binaries.arm64 = goBuild("arm64");
  set = await makeSet();
  layoutDir = path.join(work, "layout");
  await writeLayout(set, layoutDir, ["v1.2.3", "latest"]);
  registry = await startRegistry();
  authRegistry = await startRegistry({ user: "ci", password: "right-pass" });
  bearerRegistry = await startRegistry({ user: "ci", password: "token-pass", bearer: true });
});

afterAll(async () => {
  await registry?.stop();
  await authRegistry?.stop();
  await bearerRegistry?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!have)("OCI images with real tools", () => {
  it("gives the same digests from another directory and process environment", async () => {
    const again = await makeSet();
    expect(again.root.digest).toBe(set.root.digest);
    const other = mkdtempSync(path.join(os.tmpdir(), "goship-images-other-"));
    try {
      await writeLayout(again, other, ["latest", "v1.2.3"]);
      expect(readFileSync(path.join(other, "index.json"))).toEqual(
        readFileSync(path.join(layoutDir, "index.json")),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("is read by skopeo from the layout, with both platforms", () => {
    const raw = JSON.parse(skopeo("inspect", "--raw", `oci:${layoutDir}:v1.2.3`));
    expect(raw.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(
      ["amd64", "arm64"],
    );
  });

  it("pushes to a registry, re-pushes nothing, and unpacks into a root filesystem that runs", async () => {
    const layout = await Layout.open(layoutDir);
    const ref = `${registry.host}/demo/hello:v1.2.3`;
    const first = await pushImages({
      layout,
      targets: [{ layoutRef: "v1.2.3", references: [ref] }],
      credentialFor: async () => undefined,
    });
    expect(first.uploaded).toBe(4); // two layers, two configs
    const second = await pushImages({
      layout,
      targets: [{ layoutRef: "v1.2.3", references: [ref] }],
      credentialFor: async () => undefined,
    });
    expect(second.uploaded).toBe(0);
    expect(second.present).toBe(4);
    const raw = skopeo("inspect", "--tls-verify=false", "--raw", `docker://${ref}`);
    expect(raw).toBe(readFileSync(path.join(layoutDir, "blobs/sha256", set.root.digest.slice(7)), "utf8"));
    for (const [arch, runner] of [
      ["amd64", []],
      ["arm64", ["qemu-aarch64-static"]],
    ] as const) {
      const copy = path.join(work, `copy-${arch}`);
      skopeo("copy", "--src-tls-verify=false", "--override-arch", arch, `docker://${ref}`, `oci:${copy}:x`);
      const bundle = path.join(work, `bundle-${arch}`);
      execFileSync("umoci", ["unpack", "--rootless", "--image", `${copy}:x`, bundle]);
      const bin = path.join(bundle, "rootfs/usr/local/bin/hello");
      const output = runner.length
        ? execFileSync(runner[0], [bin], { encoding: "utf8" })
        : execFileSync(bin, { encoding: "utf8" });
      expect(output).toBe("hello v1.2.3\n");
      const stat = execFileSync("umoci", ["stat", "--image", `${copy}:x`], { encoding: "utf8" });
      expect(stat).toContain("COPY hello /usr/local/bin/hello");
    }
  });

  it("mounts blobs already in another repository of the registry", async () => {
    const layout = await Layout.open(layoutDir);
    const report = await pushImages({
      layout,
      targets: [
        { layoutRef: "v1.2.3", references: [`${registry.host}/a/one:v1`, `${registry.host}/a/two:v1`] },
      ],
      credentialFor: async () => undefined,
    });
    expect(report.uploaded).toBe(4);
    expect(report.mounted).toBe(4);
  });

  it("resumes a push that was stopped half way", async () => {
    const layout = await Layout.open(layoutDir);
    const controller = new AbortController();
    const targets = [{ layoutRef: "v1.2.3", references: [`${registry.host}/resume/hello:v1`] }];
    await expect(
      pushImages({
        layout,
        targets,
        credentialFor: async () => undefined,
        clientOptions: { signal: controller.signal },
        onBlob: () => controller.abort(),
      }),
    ).rejects.toThrow(/interrupted/);
    const report = await pushImages({ layout, targets, credentialFor: async () => undefined });
    expect(report.present).toBe(1);
    expect(report.uploaded).toBe(3);
  });

  it("pushes with basic auth in small chunks, and a wrong password is one clear error", async () => {
    const layout = await Layout.open(layoutDir);
    const targets = [{ layoutRef: "latest", references: [`${authRegistry.host}/secure/hello:latest`] }];
    const wrong = pushImages({
      layout,
      targets,
      credentialFor: async () => ({ username: "ci", password: "wrong-pass" }),
    });
    await expect(wrong).rejects.toBeInstanceOf(RegistryAuthError);
    await expect(wrong).rejects.toThrow(/refused the credentials/);
    await wrong.catch((error: Error) => expect(error.message).not.toContain("wrong-pass"));
    const report = await pushImages({
      layout,
      targets,
      credentialFor: async () => ({ username: "ci", password: "right-pass" }),
      clientOptions: { chunkSize: 256 * 1024 },
    });
    expect(report.uploaded).toBe(4);
    const raw = skopeo(
      "inspect",
      "--tls-verify=false",
      "--creds",
      "ci:right-pass",
      "--raw",
      `docker://${authRegistry.host}/secure/hello:latest`,
    );
    expect(JSON.parse(raw).manifests).toHaveLength(2);
  });

  it("pushes through a bearer token server, and refuses wrong credentials there too", async () => {
    const layout = await Layout.open(layoutDir);
    const targets = [{ layoutRef: "v1.2.3", references: [`${bearerRegistry.host}/tok/hello:v1.2.3`] }];
    await expect(
      pushImages({ layout, targets, credentialFor: async () => ({ username: "ci", password: "nope" }) }),
    ).rejects.toThrow(/refused the credentials/);
    await expect(pushImages({ layout, targets, credentialFor: async () => undefined })).rejects.toThrow(
      /needs credentials and none were found/,
    );
    const report = await pushImages({
      layout,
      targets,
      credentialFor: async () => ({ username: "ci", password: "token-pass" }),
    });
    expect(report.uploaded).toBe(4);
    expect(report.images[0]?.digest).toBe(set.root.digest);
  });
});
