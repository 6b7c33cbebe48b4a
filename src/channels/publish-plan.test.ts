import { describe, expect, it } from "vitest";
import type { ArtifactRecord } from "../artifacts/kinds.js";
import type { PushTarget } from "./generate.js";
import { planManifestPushes, planNpmPublishes } from "./publish-plan.js";
import { manifestPublisher } from "./publishers.js";

const push = (over: Partial<PushTarget> = {}): PushTarget => ({
  url: "{{ .Env.TAP_URL }}",
  urlKey: "homebrew_casks[0].repository.git.url",
  branch: "main",
  privateKey: "",
  privateKeyKey: "homebrew_casks[0].repository.git.private_key",
  path: "Casks/tool.rb",
  message: "Brew cask update for tool version v1.2.3",
  author: { name: "goshipbot", email: "bot@goship.invalid" },
  ...over,
});
const manifest = (name: string, over: Record<string, unknown> = {}): ArtifactRecord => ({
  kind: "manifest",
  name,
  path: `homebrew/${name}`,
  size: 1,
  sha256: "0".repeat(64),
  channel: "homebrew-cask",
  skipUpload: false,
  push: push(),
  ...over,
});
const npm = (name: string, entry: number, over: Record<string, unknown> = {}): ArtifactRecord => ({
  kind: "npm-package",
  name: `${name}.tgz`,
  path: `npm/${name}.tgz`,
  size: 1,
  sha256: "0".repeat(64),
  packageName: name,
  version: "1.2.3",
  role: name.includes("-linux") ? "platform" : "main",
  integrity: `sha512-${name}`,
  entry,
  registry: "",
  distTag: "latest",
  access: "",
  provenance: "auto",
  skipUpload: false,
  ...over,
});

describe("planManifestPushes", () => {
  it("puts the AUR's two files in one commit, and other manifests in their own", () => {
    const aur = (name: string, file: string) =>
      manifest(name, {
        channel: "aur",
        push: push({ url: "ssh://aur@aur.archlinux.org/tool-bin.git", path: file, branch: "master" }),
      });
    const plan = planManifestPushes([
      manifest("tool.rb"),
      manifest("tool.json", {
        channel: "scoop",
        push: push({ url: "{{ .Env.BUCKET_URL }}", path: "tool.json" }),
      }),
      aur("tool-bin.pkgbuild", "PKGBUILD"),
      aur("tool-bin.srcinfo", ".SRCINFO"),
    ]);
    expect(plan.pushes.map((p) => [p.channel, p.files.map((f) => f.repoPath)])).toEqual([
      ["homebrew-cask", ["Casks/tool.rb"]],
      ["scoop", ["tool.json"]],
      ["aur", ["PKGBUILD", ".SRCINFO"]],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("skips skip_upload and says where winget manifests go", () => {
    const plan = planManifestPushes([
      manifest("tool.rb", { skipUpload: true }),
      manifest("Acme.Tool.installer.yaml", { channel: "winget", push: undefined }),
    ]);
    expect(plan.pushes).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      "skip_upload",
      expect.stringMatching(/winget-pkgs only through a pull request/),
    ]);
  });
});

describe("planNpmPublishes", () => {
  it("groups each npms entry's packages with how they are sent, and drops skip_upload entries", () => {
    const plan = planNpmPublishes([
      npm("tool-linux-x64", 0),
      npm("tool", 0),
      npm("other", 1, { skipUpload: true }),
    ]);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]?.packages.map((p) => [p.name, p.role, p.distPath])).toEqual([
      ["tool-linux-x64", "platform", "npm/tool-linux-x64.tgz"],
      ["tool", "main", "npm/tool.tgz"],
    ]);
    expect(plan.skipped).toEqual([{ name: "other.tgz", reason: "skip_upload" }]);
  });
});

describe("manifestPublisher", () => {
  const penv = (env: NodeJS.ProcessEnv, logged: string[] = []) => ({
    distDir: "/nonexistent",
    tag: "v1.2.3",
    commit: "c0ffee",
    commitTime: 0,
    moduleDir: "/nonexistent",
    env,
    exec: () => Promise.reject(new Error("no command may run")),
    log: {
      info: (m: string, f?: Record<string, unknown>) => logged.push(`${m} ${JSON.stringify(f)}`),
      warn: () => {},
      error: () => {},
      debug: undefined,
      child() {
        return this;
      },
    },
    dryRun: true,
    signal: new AbortController().signal,
    render: (source: string) => source.replace("{{ .Env.TAP_URL }}", env.TAP_URL ?? ""),
    addSecret: () => {},
  });

  it("on --dry-run, prints each push with credentials hidden and runs nothing", async () => {
    const logged: string[] = [];
    await manifestPublisher.publish(
      [manifest("tool.rb")],
      penv({ TAP_URL: "https://me:s3cret@git.example/tap.git" }, logged),
    );
    expect(logged.join("\n")).toMatch(
      /would push .*https:\/\/\*\*\*@git\.example\/tap\.git.*Casks\/tool\.rb/,
    );
    expect(logged.join("\n")).not.toContain("s3cret");
  });

  it("refuses, in its check before any release, a repository only a forge API could reach", async () => {
    const repository = { owner: "acme", name: "homebrew-tap", pull_request: { enabled: false } };
    await expect(
      manifestPublisher.publish(
        [manifest("tool.rb", { push: push({ url: "", repository } as never) })],
        penv({}),
      ),
    ).rejects.toThrow(
      /homebrew_casks\[0\]\.repository\.git\.url is empty: goship commits manifests over git/,
    );
    const pr = { ...repository, pull_request: { enabled: true } };
    await expect(
      manifestPublisher.check?.([manifest("tool.rb", { push: push({ repository: pr } as never) })], penv({})),
    ).rejects.toThrow(/pull_request needs a forge API/);
  });
});
