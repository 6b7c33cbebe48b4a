// A real OCI registry for tests: Debian's docker-registry (CNCF Distribution) on a free loopback
// port, with or without htpasswd auth, stopped when the test file ends.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly storage: string;
  stop(): Promise<void>;
}

/** True when the tool is on PATH; in CI a missing tool fails the test run instead. */
export function haveTool(command: string, args: readonly string[] = ["--version"]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return true;
    if (process.env.CI) throw new Error(`${command} is required in CI and was not found on PATH`);
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startRegistry(
  options: { user?: string; password?: string } = {},
): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "goship-registry-"));
  const port = await freePort();
  const lines = [
    "version: 0.1",
    "log: { level: error, accesslog: { disabled: true } }",
    `storage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, "storage"))} }, delete: { enabled: true } }`,
    `http: { addr: "127.0.0.1:${port}", secret: goship-test }`,
  ];
  if (options.user && options.password) {
    const entry = execFileSync("htpasswd", ["-Bbn", options.user, options.password], { encoding: "utf8" });
    writeFileSync(path.join(dir, "htpasswd"), entry);
    lines.push(
      `auth: { htpasswd: { realm: goship-test, path: ${JSON.stringify(path.join(dir, "htpasswd"))} } }`,
    );
  }
  writeFileSync(path.join(dir, "config.yml"), `${lines.join("\n")}\n`);
  const child: ChildProcess = spawn("docker-registry", ["serve", path.join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    storage: path.join(dir, "storage"),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
