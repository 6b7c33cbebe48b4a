// A real npm registry for tests: Verdaccio on 127.0.0.1 and a free port, with no uplinks (fully
// offline), one user and its token. Stopped when the test file ends.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface Registry {
  readonly url: string;
  readonly token: string;
  readonly dir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`verdaccio did not answer within 60 s:\n${log()}`);
}

export async function startVerdaccio(verdaccio: string): Promise<Registry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "goship-verdaccio-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(
    path.join(dir, "config.yaml"),
    [
      "storage: ./storage",
      "auth:",
      "  htpasswd: { file: ./htpasswd, max_users: 100 }",
      "uplinks: {}",
      "packages:",
      "  '@*/*': { access: $all, publish: $authenticated, unpublish: $authenticated }",
      "  '**': { access: $all, publish: $authenticated, unpublish: $authenticated }",
      `listen: 127.0.0.1:${port}`,
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const child = spawn(verdaccio, ["--config", "./config.yaml"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
    const response = await fetch(`${url}-/user/org.couchdb.user:ci`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ci", password: "ci-pass-123" }),
    });
    const body = (await response.json()) as { token?: string };
    if (!body.token) throw new Error(`verdaccio gave no token: ${JSON.stringify(body)}`);
    return { url, token: body.token, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
