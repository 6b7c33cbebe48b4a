// The machine and tool versions a set of numbers was taken with, for the top of RESULTS.md.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { installedVersion } from "../goreleaser.mjs";
import { baseEnv } from "./go-env.mjs";
import { runSync } from "./proc.mjs";

export function describeMachine({ goshipEntry }) {
  const v = (cmd, args) => {
    try {
      return runSync(cmd, args, { env: baseEnv() }).trim();
    } catch {
      return "unknown";
    }
  };
  const first = (text) => text.split("\n")[0];
  const osName = existsSync("/etc/os-release")
    ? /PRETTY_NAME="?([^"\n]+)/.exec(readFileSync("/etc/os-release", "utf8"))?.[1]
    : undefined;
  return {
    CPUs: `${os.availableParallelism()} × ${os.cpus()[0]?.model ?? "unknown"}`,
    Memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${osName ?? os.type()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    Go: first(v("go", ["version"])),
    Node: process.version,
    goship: goshipEntry ? first(v(process.execPath, [goshipEntry, "--version"])) : "not built",
    GoReleaser: installedVersion() ?? "not installed",
    "tar / gzip / zip": `${first(v("tar", ["--version"]))}; ${first(v("gzip", ["--version"]))}; ${/Zip [\d.]+/.exec(v("zip", ["-h"]))?.[0] ?? "zip"}`,
  };
}
