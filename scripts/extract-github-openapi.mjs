#!/usr/bin/env node
// Regenerates test/fixtures/github-openapi.json: the few operations of GitHub's published OpenAPI
// description (npm @octokit/openapi, ~385 MB unpacked) that goship's GitHub publisher calls, with
// every component they reference, so the test server validates against GitHub's own schemas.
//   node scripts/extract-github-openapi.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const version = "23.0.2";
const operations = {
  "/repos/{owner}/{repo}/releases": ["get", "post"],
  "/repos/{owner}/{repo}/releases/tags/{tag}": ["get"],
  "/repos/{owner}/{repo}/releases/{release_id}": ["patch", "delete"],
  "/repos/{owner}/{repo}/releases/{release_id}/assets": ["get", "post"],
  "/repos/{owner}/{repo}/releases/assets/{asset_id}": ["delete"],
  "/repos/{owner}/{repo}/releases/generate-notes": ["post"],
};

const work = mkdtempSync(path.join(os.tmpdir(), "github-openapi-"));
try {
  const tarball = process.env.GITHUB_OPENAPI_TGZ;
  if (tarball) execFileSync("cp", [tarball, work]);
  else
    execFileSync("npm", ["pack", `@octokit/openapi@${version}`, "--silent"], { cwd: work, stdio: "inherit" });
  execFileSync("tar", ["-xzf", `octokit-openapi-${version}.tgz`, "package/generated/api.github.com.json"], {
    cwd: work,
  });
  const full = JSON.parse(readFileSync(path.join(work, "package/generated/api.github.com.json"), "utf8"));
  const out = {
    openapi: full.openapi,
    info: { ...full.info, description: `Extract of @octokit/openapi ${version} for goship's tests.` },
    servers: full.servers,
    paths: {},
    components: {},
  };
  const pending = [];
  const strip = (value) => {
    // Examples and x-github metadata are large and irrelevant to validation.
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== "object") return value;
    const copy = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === "examples" || key === "x-github" || key === "x-octokit") continue;
      if (key === "$ref") pending.push(inner);
      copy[key] = strip(inner);
    }
    return copy;
  };
  for (const [route, methods] of Object.entries(operations)) {
    out.paths[route] = {};
    for (const method of methods) out.paths[route][method] = strip(full.paths[route][method]);
  }
  while (pending.length > 0) {
    const ref = pending.pop();
    const [, , section, name] = ref.split("/");
    out.components[section] ??= {};
    if (out.components[section][name] !== undefined) continue;
    out.components[section][name] = strip(full.components[section][name]);
  }
  for (const section of Object.values(out.components)) {
    const sorted = Object.fromEntries(Object.entries(section).sort(([a], [b]) => a.localeCompare(b)));
    for (const key of Object.keys(section)) delete section[key];
    Object.assign(section, sorted);
  }
  const target = path.join(import.meta.dirname, "../test/fixtures/github-openapi.json");
  writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`wrote ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
