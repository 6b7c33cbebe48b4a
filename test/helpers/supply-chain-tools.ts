// The real consumers of goship's supply-chain files: the SBOM and in-toto validators (a Python venv
// that .ci/run installs), gpg and cosign. In CI a missing tool fails the test; locally it skips.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./fixture.js";

export const toolsDir = process.env.GOSHIP_TOOLS ?? path.join(os.homedir(), ".cache/goship-tools");
// .ci/run names the venv by its pinned versions and puts its bin on PATH.
const venvName = "supplychain-venv-spdx0.8.5-cdx11.12.0-intoto0.9.3";

/** A command on PATH or in the tools cache's bin, or undefined. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), path.join(toolsDir, "bin")];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The Python with spdx-tools, cyclonedx-python-lib and in-toto-attestation, or undefined. */
export function findValidatorPython(): string | undefined {
  const onPath = findTool("pyspdxtools");
  const candidates = [
    ...(onPath === undefined ? [] : [path.join(path.dirname(onPath), "python")]),
    path.join(toolsDir, venvName, "bin/python"),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Why a test cannot run: undefined when every tool is there. In CI a missing tool throws, so the
 * test fails instead of skipping silently.
 */
export function missingTools(tools: Record<string, string | undefined>): string | undefined {
  const missing = Object.entries(tools)
    .filter(([, found]) => found === undefined)
    .map(([name]) => name);
  if (missing.length === 0) return undefined;
  const message = `needs ${missing.join(", ")} (installed by .ci/run into ${toolsDir})`;
  if (process.env.CI === "true") throw new Error(message);
  return message;
}

/** Validates every file with its official validator; maps each file to null or its problem. */
export function validateDocuments(python: string, files: readonly string[]): Record<string, string | null> {
  const script = path.join(repoRoot, "test/helpers/validate-supply-chain.py");
  const result = spawnSync(python, [script, ...files], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`validator failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string | null>;
}
