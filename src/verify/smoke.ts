// Smoke test: run each binary that can run here — natively for the host's target, under qemu-user
// for other Linux architectures when it is installed — and check that it prints the version.

import { constants } from "node:fs";
import { access, chmod } from "node:fs/promises";
import path from "node:path";
import type { Exec } from "../process/exec.js";
import type { CheckResult } from "./checks.js";

export interface SmokeOptions {
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly version: string;
  readonly hostOs: string;
  readonly hostArch: string;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  readonly signal?: AbortSignal;
}

/** qemu-user's name for each GOARCH it can emulate. */
const qemuArch: Readonly<Record<string, string>> = {
  amd64: "x86_64",
  "386": "i386",
  arm64: "aarch64",
  arm: "arm",
  ppc64: "ppc64",
  ppc64le: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  mips: "mips",
  mipsle: "mipsel",
  mips64: "mips64",
  mips64le: "mips64el",
  loong64: "loongarch64",
};

const nodeArch: Readonly<Record<string, string>> = {
  x64: "amd64",
  ia32: "386",
  arm64: "arm64",
  arm: "arm",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
};
const nodeOs: Readonly<Record<string, string>> = {
  linux: "linux",
  darwin: "darwin",
  win32: "windows",
  freebsd: "freebsd",
};

export function hostTarget(): { goos: string; goarch: string } {
  return {
    goos: nodeOs[process.platform] ?? process.platform,
    goarch: nodeArch[process.arch] ?? process.arch,
  };
}

export async function smokeTest(
  file: string,
  target: { goos: string; goarch: string },
  options: SmokeOptions,
): Promise<CheckResult> {
  const runner = await runnerFor(target, options);
  if (runner === undefined)
    return {
      check: "smoke",
      status: "skip",
      detail: `not run: no way to run ${target.goos}/${target.goarch} here`,
    };
  await chmod(file, 0o755).catch(() => {});
  const [command, ...prefix] = runner.length > 0 ? runner : [file];
  const args = runner.length > 0 ? [...prefix, file, ...options.args] : [...options.args];
  try {
    const result = await options.exec(command!, args, {
      cwd: path.dirname(file),
      env: options.env,
      signal: options.signal,
      allowFailure: true,
      timeoutMs: options.timeoutMs,
    });
    const output = `${result.stdout}${result.stderr}`;
    const ok = result.exitCode === 0 && output.includes(options.version);
    const how = runner.length > 0 ? `under ${path.basename(command!)}` : "natively";
    return {
      check: "smoke",
      status: ok ? "pass" : "fail",
      detail: ok
        ? `ran ${how}`
        : `ran ${how}: exit ${result.exitCode}, version ${options.version} ${output.includes(options.version) ? "printed" : "not printed"}`,
    };
  } catch (error) {
    return { check: "smoke", status: "fail", detail: (error as Error).message };
  }
}

/** [] to run the file itself, [qemu] to emulate it, undefined when it cannot run here. */
async function runnerFor(
  target: { goos: string; goarch: string },
  options: SmokeOptions,
): Promise<string[] | undefined> {
  if (target.goos !== options.hostOs) return undefined;
  if (target.goarch === options.hostArch) return [];
  const qemu = target.goos === "linux" ? qemuArch[target.goarch] : undefined;
  if (!qemu) return undefined;
  for (const name of [`qemu-${qemu}-static`, `qemu-${qemu}`]) {
    const found = await findOnPath(name, options.env.PATH ?? "");
    if (found) return [found];
  }
  return undefined;
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
