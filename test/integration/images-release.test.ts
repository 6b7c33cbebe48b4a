// `goship release` with kos, dockers_v2, dockers and docker_manifests on a real module, then the
// publish hook pushing dist/images to Debian's docker-registry; checked with skopeo and umoci.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildImageSet } from "../../src/oci/build.js";
import { layoutFiles, withRefName, writeLayoutDir } from "../../src/oci/layout.js";
import { publishImages } from "../../src/oci/publish.js";
import { createExec } from "../../src/process/exec.js";
import { runCli, tool } from "../helpers/cli.js";
import { copyFixture } from "../helpers/fixture.js";
import { haveTool, startRegistry, type TestRegistry } from "../helpers/registry.js";

const have = [
  ["go", "version"],
  ["docker-registry", "--version"],
  ["skopeo", "--version"],
  ["umoci", "--version"],
  ["htpasswd", "-h"],
].every(([t, a]) => haveTool(t as string, [a as string]));

interface ImageRecordJson {
  reference: string;
  digest: string;
  platforms: string[];
  push: boolean;
  bases: string[];
}

/** A tiny base image (an /etc/passwd for user 65532) as an OCI layout, like distroless/static. */
async function writeBase(moduleDir: string): Promise<void> {
  const passwd = Buffer.from(
    "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
  );
  const set = await buildImageSet({
    platforms: ["amd64", "arm64"].map((architecture) => ({
      platform: { os: "linux", architecture },
      layers: [{ files: [{ path: "/etc/passwd", mode: 0o644, data: passwd }], createdBy: "base" }],
    })),
    settings: { env: ["PATH=/usr/bin:/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"] },
    time: 0,
    annotations: {},
  });
  await writeLayoutDir(path.join(moduleDir, "base"), layoutFiles(set.blobs, [withRefName(set.root, "v1")]));
}

async function release(
  parent: string,
  registry: string,
  extraEnv: NodeJS.ProcessEnv = {},
  args: string[] = [],
) {
  const moduleDir = copyFixture("imagehello", { parent });
  await writeBase(moduleDir);
  const result = await runCli(["release", "--dir", moduleDir, ...args], {
    env: { ...process.env, GOSHIP_TEST_REGISTRY: registry, ...extraEnv },
  });
  return { moduleDir, dist: path.join(moduleDir, "dist"), result };
}

function imageRecords(dist: string): ImageRecordJson[] {
  const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as Array<{
    kind: string;
    images?: ImageRecordJson[];
  }>;
  return artifacts.find((a) => a.kind === "image-layout")?.images ?? [];
}

describe.skipIf(!have)("goship release with images, then publish", () => {
  let registry: TestRegistry;
  let parent: string;
  let dist: string;

  beforeAll(async () => {
    registry = await startRegistry();
    parent = mkdtempSync(path.join(os.tmpdir(), "goship-images-release-"));
    const first = await release(parent, registry.host);
    expect(first.result.code, first.result.stderr).toBe(0);
    dist = first.dist;
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it("stages one OCI layout, listed in checksums.txt, that skopeo reads with both platforms", () => {
    const refs = imageRecords(dist).map((r) => [r.reference, r.platforms.join(","), r.push]);
    const host = registry.host;
    expect(refs).toEqual([
      [`${host}/ko/hello:latest`, "linux/amd64,linux/arm64", true],
      [`${host}/ko/hello:v1.2.3`, "linux/amd64,linux/arm64", true],
      [`${host}/v1/hello:v1.2.3`, "linux/amd64,linux/arm64", true],
      [`${host}/v1/hello:v1.2.3-amd64`, "linux/amd64", true],
      [`${host}/v1/hello:v1.2.3-arm64`, "linux/arm64", true],
      [`${host}/v2/hello:v1.2.3`, "linux/amd64,linux/arm64", true],
    ]);
    expect(tool("sha256sum", ["-c", "checksums.txt"], dist)).toContain("images/index.json: OK");
    const raw = JSON.parse(
      tool("skopeo", ["inspect", "--raw", `oci:${path.join(dist, "images")}:${host}/ko/hello:v1.2.3`]),
    );
    expect(raw.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(
      ["amd64", "arm64"],
    );
    const ko = imageRecords(dist).find((r) => r.reference.endsWith("/ko/hello:v1.2.3"));
    expect(ko?.bases[0]).toMatch(/^linux\/amd64 oci:base:v1@sha256:[0-9a-f]{64}$/);
  });

  it("is proven by goship verify", async () => {
    const verify = await runCli(["verify", dist]);
    expect(verify.code, verify.stderr + verify.stdout).toBe(0);
  });

  it("pushes with the publish hook; the ko and Dockerfile images unpack and run", async () => {
    const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8"));
    const dockerConfig = mkdtempSync(path.join(os.tmpdir(), "goship-docker-config-"));
    try {
      const report = await publishImages({
        distDir: dist,
        artifacts,
        env: { DOCKER_CONFIG: dockerConfig },
        exec: createExec(),
      });
      expect(report?.images).toHaveLength(6);
      const again = await publishImages({
        distDir: dist,
        artifacts,
        env: { DOCKER_CONFIG: dockerConfig },
        exec: createExec(),
      });
      expect(again?.uploaded).toBe(0);
    } finally {
      rmSync(dockerConfig, { recursive: true, force: true });
    }
    const work = mkdtempSync(path.join(os.tmpdir(), "goship-unpack-"));
    try {
      for (const [repo, bin, extra] of [
        ["ko/hello:v1.2.3", "ko-app/hello", "etc/passwd"],
        ["v2/hello:v1.2.3", "usr/bin/hello", "etc/hello/hello.yaml"],
        ["v1/hello:v1.2.3", "usr/bin/hello", "etc/hello/hello.yaml"],
      ] as const) {
        const layout = path.join(work, repo.replace(/[/:]/g, "-"));
        tool("skopeo", [
          "copy",
          "--src-tls-verify=false",
          "--override-arch",
          "amd64",
          `docker://${registry.host}/${repo}`,
          `oci:${layout}:x`,
        ]);
        const bundle = `${layout}-bundle`;
        tool("umoci", ["unpack", "--rootless", "--image", `${layout}:x`, bundle]);
        expect(tool(path.join(bundle, "rootfs", bin), [])).toBe("hello v1.2.3\n");
        expect(existsSync(path.join(bundle, "rootfs", extra))).toBe(true);
        const runtime = JSON.parse(readFileSync(path.join(bundle, "config.json"), "utf8"));
        expect(runtime.process.user.uid).toBe(65532);
        if (repo.startsWith("v2")) {
          expect(runtime.process.args).toEqual(["/usr/bin/hello", "serve"]);
          expect(runtime.process.env).toContain("GREETING=hi");
          expect(runtime.process.cwd).toBe("/data");
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("gives the same image digests from another directory, umask and time zone", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "goship-images-again-"));
    try {
      const second = await release(other, registry.host, { TZ: "Asia/Tokyo", LC_ALL: "C" });
      expect(second.result.code, second.result.stderr).toBe(0);
      expect(imageRecords(second.dist)).toEqual(imageRecords(dist));
      expect(readFileSync(path.join(second.dist, "images/index.json"))).toEqual(
        readFileSync(path.join(dist, "images/index.json")),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("refuses a Dockerfile that needs a builder, naming the line, and leaves no layout behind", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "goship-images-bad-"));
    try {
      const moduleDir = copyFixture("imagehello", { parent: other, tag: false });
      await writeBase(moduleDir);
      writeFileSync(path.join(moduleDir, "Dockerfile"), "FROM scratch\nRUN echo hi\n");
      const result = await runCli(["release", "--dir", moduleDir, "--snapshot"], {
        env: { ...process.env, GOSHIP_TEST_REGISTRY: registry.host },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("RUN at line 2 needs a real container builder");
      expect(result.stderr).toContain("Dockerfile:2");
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(moduleDir, "dist", "images"))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!have)("goship release --image, pushed with config.json credentials", () => {
  it("builds a scratch image of the main binary and pushes it to a registry that needs a login", async () => {
    const registry = await startRegistry({ user: "ci", password: "s3cret-pass" });
    const parent = mkdtempSync(path.join(os.tmpdir(), "goship-image-flag-"));
    const dockerConfig = path.join(parent, "docker");
    try {
      const moduleDir = copyFixture("imagehello", { parent });
      writeFileSync(
        path.join(moduleDir, "goship.yaml"),
        "builds: [{ main: ./cmd/hello, targets: [linux/amd64, linux/arm64] }]\n",
      );
      execFileSync("git", ["commit", "-qam", "no image config"], {
        cwd: moduleDir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@e",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@e",
        },
      });
      execFileSync("git", ["tag", "-f", "v1.2.4"], { cwd: moduleDir });
      const result = await runCli(["release", "--dir", moduleDir, "--image", `${registry.host}/zero/hello`]);
      expect(result.code, result.stderr).toBe(0);
      const dist = path.join(moduleDir, "dist");
      expect(imageRecords(dist).map((r) => r.reference)).toEqual([
        `${registry.host}/zero/hello:latest`,
        `${registry.host}/zero/hello:v1.2.4`,
      ]);
      const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8"));
      const env = { DOCKER_CONFIG: dockerConfig };
      await expect(publishImages({ distDir: dist, artifacts, env, exec: createExec() })).rejects.toThrow(
        /needs credentials/,
      );
      const auth = (p: string) => Buffer.from(`ci:${p}`).toString("base64");
      execFileSync("mkdir", ["-p", dockerConfig]);
      writeFileSync(
        path.join(dockerConfig, "config.json"),
        JSON.stringify({ auths: { [registry.host]: { auth: auth("wrong") } } }),
      );
      const wrong = publishImages({ distDir: dist, artifacts, env, exec: createExec() });
      await expect(wrong).rejects.toThrow(/refused the credentials/);
      writeFileSync(
        path.join(dockerConfig, "config.json"),
        JSON.stringify({ auths: { [registry.host]: { auth: auth("s3cret-pass") } } }),
      );
      const report = await publishImages({ distDir: dist, artifacts, env, exec: createExec() });
      expect(report?.images.map((i) => i.reference)).toHaveLength(2);
      const raw = tool("skopeo", [
        "inspect",
        "--tls-verify=false",
        "--creds",
        "ci:s3cret-pass",
        "--raw",
        `docker://${registry.host}/zero/hello:v1.2.4`,
      ]);
      expect(JSON.parse(raw).manifests).toHaveLength(2);
    } finally {
      await registry.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
