// Child-process helpers for the benchmark scripts: argv arrays only, output captured, failures loud.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Runs a command to completion and returns its stdout; throws with stderr on a non-zero exit. */
export function runSync(cmd, args, { cwd, env, input } = {}) {
  const res = spawnSync(cmd, args, { cwd, env, input, encoding: "utf8", maxBuffer: 256 << 20 });
  if (res.error) throw new Error(`${cmd}: ${res.error.message}`);
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}\n${res.stderr}${res.stdout}`);
  }
  return res.stdout;
}

const groups = new Set();
let signalsHooked = false;

/** Kills every process group started with `group: true`, e.g. when the benchmark is interrupted. */
function killGroups(signal = "SIGKILL") {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Asynchronous run with captured output; resolves with { code, signal, stdout, stderr }.
 * With `group`, the child leads its own process group so that a timeout or Ctrl-C also stops
 * the `go build`s and compilers it started, not just the child itself.
 */
export function run(cmd, args, { cwd, env, timeoutMs, onSpawn, group = false } = {}) {
  if (group && !signalsHooked) {
    signalsHooked = true;
    for (const sig of ["SIGINT", "SIGTERM"]) {
      process.on(sig, () => {
        killGroups();
        process.exit(130);
      });
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: group });
    if (group) groups.add(child.pid);
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    let timer;
    if (timeoutMs) {
      timer = setTimeout(
        () => (group ? process.kill(-child.pid, "SIGKILL") : child.kill("SIGKILL")),
        timeoutMs,
      );
    }
    child.on("error", (e) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      reject(new Error(`${cmd}: ${e.message}`));
    });
    onSpawn?.(child);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      resolve({
        code: code ?? (signal ? 128 : 1),
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** Like run() but rejects on a non-zero exit, with the command's stderr in the message. */
export async function runChecked(cmd, args, opts) {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${res.code}\n${res.stderr}${res.stdout}`);
  }
  return res;
}

/** Runs async jobs with at most `limit` in flight; results keep the input order. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** True when the module at `url` is the script node was started with (not an import). */
export function isEntryPoint(url) {
  return Boolean(process.argv[1]) && url === pathToFileURL(path.resolve(process.argv[1])).href;
}
