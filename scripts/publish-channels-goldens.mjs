#!/usr/bin/env node
// Writes the golden Homebrew cask and Scoop manifest that test/integration/publish-channels.test.ts
// compares goship's pushed files with: GoReleaser v2.15.1 releases the same module with the same
// config (without `npms`, a GoReleaser Pro key), and each archive's sha256 becomes a placeholder
// naming the archive (goship's archives have other bytes) so the test can put its own digests in.
// Run once, after changing the fixture or its config, and commit the result:
//   GORELEASER=/path/to/goreleaser node scripts/publish-channels-goldens.mjs
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";

const root = path.resolve(import.meta.dirname, "..");
const fixture = path.join(root, "test/fixtures/publish-channels");
const goreleaser = process.env.GORELEASER ?? "goreleaser";
export const goldenServer = "http://github.invalid";

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

const env = {
  ...process.env,
  GOENV: "off",
  GOTOOLCHAIN: "local",
  GITHUB_TOKEN: "unused",
  GITHUB_SERVER: goldenServer,
  NPM_REGISTRY: "http://npm.invalid/",
  TAP_URL: "unused",
  BUCKET_URL: "unused",
  GIT_AUTHOR_DATE: "2024-03-01T12:00:00Z",
  GIT_COMMITTER_DATE: "2024-03-01T12:00:00Z",
};
delete env.GOFLAGS;
const dir = mkdtempSync(path.join(os.tmpdir(), "goship-goldens-"));
try {
  cpSync(path.join(root, "test/fixtures/modules/api"), dir, { recursive: true });
  const config = parse(readFileSync(path.join(fixture, ".goreleaser.yaml"), "utf8"));
  delete config.npms;
  writeFileSync(path.join(dir, ".goreleaser.yaml"), stringify(config));
  const git = (...args) =>
    run("git", ["-c", "user.name=g", "-c", "user.email=g@example.com", ...args], dir, env);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "release");
  git("tag", "v1.0.0");
  git("remote", "add", "origin", "https://github.com/acme/tool.git");
  run(goreleaser, ["release", "--clean", "--skip=publish,validate"], dir, env);
  const dist = path.join(dir, "dist");
  const archives = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")).filter(
    (a) => a.type === "Archive",
  );
  const golden = path.join(fixture, "golden");
  mkdirSync(golden, { recursive: true });
  for (const file of ["homebrew/Casks/tool.rb", "scoop/tool.json"]) {
    let text = readFileSync(path.join(dist, file), "utf8");
    for (const a of archives)
      text = text.replaceAll(String(a.extra.Checksum).replace(/^sha256:/, ""), `<sha256 of ${a.name}>`);
    writeFileSync(path.join(golden, path.basename(file)), text);
    console.log(`wrote ${path.relative(root, path.join(golden, path.basename(file)))}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
