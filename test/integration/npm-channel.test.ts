// The npm channel against real consumers: a Verdaccio registry on localhost, then npm (global,
// --ignore-scripts), npx and pnpm installing the packages and running the real Go binary.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNpmPackages, type NpmBinary } from "../../src/channels/npm/packages.js";
import { type NpmPublishTarball, publishNpmTarballs } from "../../src/channels/npm/publish.js";
import { packNpmPackage } from "../../src/channels/npm/tarball.js";
import { createExec } from "../../src/process/exec.js";
import { findTool, haveGo, missingTools } from "../helpers/channel-tools.js";
import { copyFixture, tempDir } from "../helpers/fixture.js";
import { type Registry, startVerdaccio } from "../helpers/verdaccio.js";

const missing = missingTools("verdaccio", "pnpm");
const ready = missing.length === 0 && haveGo();
const hostGoarch = ({ x64: "amd64", arm64: "arm64" } as Record<string, string>)[process.arch] ?? process.arch;
const name = "@goship-e2e/api";
const version = "1.2.3";

let registry: Registry;
let work: string;
let tarballs: NpmPublishTarball[];

function goBuild(dir: string, goos: string, goarch: string, out: string): Uint8Array {
  execFileSync(
    "go",
    ["build", "-trimpath", "-ldflags", `-s -w -X main.version=${version}`, "-o", out, "./cmd/api"],
    {
      cwd: dir,
      env: { ...process.env, GOFLAGS: "-mod=readonly", CGO_ENABLED: "0", GOOS: goos, GOARCH: goarch },
    },
  );
  return readFileSync(out);
}

/** npm/pnpm/npx with this registry and throwaway caches, never the machine's npm config. */
function clientEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith("npm_config_")) delete env[key];
  return {
    ...env,
    npm_config_registry: registry.url,
    npm_config_cache: path.join(dir, ".npm-cache"),
    npm_config_userconfig: path.join(dir, ".npmrc-user"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

function run(command: string, args: string[], cwd: string, env = clientEnv(cwd)) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

describe.skipIf(!ready)(
  `npm channel (${missing.length ? `skipped: ${missing.join(", ")} not installed` : "verdaccio"})`,
  () => {
    beforeAll(async () => {
      work = mkdtempSync(path.join(os.tmpdir(), "goship-npm-"));
      const module = copyFixture("api", { parent: work });
      const targets: Array<[string, string]> = [
        ["linux", hostGoarch],
        ["darwin", "arm64"],
        ["windows", "amd64"],
      ];
      const binaries: NpmBinary[] = targets.map(([goos, goarch]) => ({
        target: { goos, goarch },
        binary: goos === "windows" ? "api.exe" : "api",
        data: goBuild(module, goos, goarch, path.join(work, `api-${goos}-${goarch}`)),
      }));
      const info = {
        name,
        version,
        description: "goship npm channel test",
        homepage: "https://example.com/api",
        keywords: ["cli"],
        license: "MIT",
        author: "goship test",
        repository: "https://example.com/api.git",
        bugs: "",
      };
      const out = path.join(work, "npm");
      mkdirSync(out);
      tarballs = [];
      for (const pkg of buildNpmPackages(info, binaries)) {
        const packed = await packNpmPackage(pkg);
        const file = path.join(out, packed.fileName);
        writeFileSync(file, packed.data);
        tarballs.push({ name: pkg.name, version, file, integrity: packed.integrity, role: pkg.role });
      }
      registry = await startVerdaccio(findTool("verdaccio") as string);
    });
    afterAll(async () => {
      await registry?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    const publish = (items = tarballs) =>
      publishNpmTarballs(items, {
        registry: registry.url,
        tag: "latest",
        access: "public",
        provenance: false,
        cwd: work,
        env: { ...clientEnv(work), NPM_TOKEN: registry.token },
        exec: createExec(),
      });

    it("publishes the platform packages before the main package, then skips them all on a re-run", async () => {
      const first = await publish();
      expect(first.map((r) => r.outcome)).toEqual(["published", "published", "published", "published"]);
      expect(first.at(-1)?.name).toBe(name);
      const again = await publish();
      expect(again.every((r) => r.outcome === "already published")).toBe(true);
      // The registry records the integrity of the exact bytes goship packed.
      const view = run("npm", ["view", `${name}@${version}`, "dist.integrity"], work);
      expect(view.stdout.trim()).toBe(tarballs.at(-1)?.integrity);
    });

    it("refuses to publish different bytes under a version the registry already holds", async () => {
      const main = tarballs.at(-1) as NpmPublishTarball;
      await expect(publish([{ ...main, integrity: "sha512-other" }])).rejects.toThrow(/different contents/);
    });

    it("installs globally with --ignore-scripts and runs the released binary", () => {
      const dir = tempDir("goship-npm-global-");
      const prefix = path.join(dir, "prefix");
      const install = run(
        "npm",
        ["install", "-g", "--ignore-scripts", "--prefix", prefix, `${name}@${version}`],
        dir,
      );
      expect(install.status, install.out).toBe(0);
      const ran = run(path.join(prefix, "bin/api"), ["--version"], dir);
      expect(ran.stdout).toMatch(/^api version=1\.2\.3 /);
    });

    it("runs through npx in an empty directory with --ignore-scripts", () => {
      const dir = tempDir("goship-npx-");
      const ran = run("npx", ["--yes", "--ignore-scripts", `${name}@${version}`, "--version"], dir);
      expect(ran.status, ran.out).toBe(0);
      expect(ran.stdout).toMatch(/^api version=1\.2\.3 /);
    });

    it("installs with pnpm, which fetches only this platform's binary package", () => {
      const dir = tempDir("goship-pnpm-");
      writeFileSync(path.join(dir, "package.json"), '{"name":"consumer","private":true}\n');
      writeFileSync(
        path.join(dir, ".npmrc"),
        `registry=${registry.url}\nstore-dir=${path.join(dir, ".store")}\n`,
      );
      const pnpm = findTool("pnpm") as string;
      const add = run(pnpm, ["add", `${name}@${version}`], dir);
      expect(add.status, add.out).toBe(0);
      const ran = run(pnpm, ["exec", "api", "--version"], dir);
      expect(ran.stdout, ran.out).toMatch(/^api version=1\.2\.3 /);
      const installed = run("ls", [path.join(dir, "node_modules/.pnpm")], dir).stdout;
      expect(installed).toContain(`api-linux-${process.arch}@${version}`);
      expect(installed).not.toContain("api-win32-x64");
    });

    it("says clearly when the CPU has no binary package", () => {
      const dir = tempDir("goship-npm-cpu-");
      const prefix = path.join(dir, "prefix");
      expect(
        run("npm", ["install", "-g", "--ignore-scripts", "--prefix", prefix, `${name}@${version}`], dir)
          .status,
      ).toBe(0);
      const fake = path.join(dir, "fake-arch.cjs");
      writeFileSync(fake, 'Object.defineProperty(process, "arch", { value: "mips" });\n');
      const launcher = path.join(prefix, "lib/node_modules", name, "bin/api");
      const ran = run(process.execPath, ["-r", fake, launcher, "--version"], dir);
      expect(ran.status).toBe(1);
      expect(ran.out).toContain(`${name}: no prebuilt binary for linux/mips; this release supports`);
      expect(ran.out).not.toMatch(/\n\s+at /);
    });
  },
);
