// A real OCI registry for tests: Debian's docker-registry (CNCF Distribution) on a free loopback
// port, with or without htpasswd auth, stopped when the test file ends.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createPrivateKey, sign, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
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

export interface RegistryOptions {
  user?: string;
  password?: string;
  /** Bearer tokens from a token server (the distribution token spec) instead of htpasswd. */
  bearer?: boolean;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * A token server as Docker Hub and GHCR run them: Basic credentials in, a JWT signed with a
 * self-signed certificate (sent as x5c, trusted through the registry's rootcertbundle) out.
 */
async function startTokenServer(
  dir: string,
  user: string,
  password: string,
): Promise<{ realm: string; server: Server }> {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=goship-test-token",
      "-days",
      "2",
      "-keyout",
      path.join(dir, "token.key"),
      "-out",
      path.join(dir, "token.crt"),
    ],
    { stdio: "ignore" },
  );
  const key = createPrivateKey(readFileSync(path.join(dir, "token.key")));
  const cert = new X509Certificate(readFileSync(path.join(dir, "token.crt")));
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const expected = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401).end('{"details":"wrong credentials"}');
      return;
    }
    const access = url.searchParams.getAll("scope").map((scope) => {
      const [type, name, actions] = scope.split(":");
      return { type, name, actions: (actions ?? "").split(",") };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: "JWT", alg: "RS256", x5c: [cert.raw.toString("base64")] };
    const claims = {
      iss: "goship-test-issuer",
      sub: user,
      aud: url.searchParams.get("service"),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: String(now),
      access,
    };
    const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${body}.${b64url(sign("sha256", Buffer.from(body), key))}`;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { realm: `http://127.0.0.1:${port}/token`, server };
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "goship-registry-"));
  const port = await freePort();
  let tokenServer: Server | undefined;
  const lines = [
    "version: 0.1",
    "log: { level: error, accesslog: { disabled: true } }",
    `storage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, "storage"))} }, delete: { enabled: true } }`,
    `http: { addr: "127.0.0.1:${port}", secret: goship-test }`,
  ];
  if (options.bearer && options.user && options.password) {
    const { realm, server } = await startTokenServer(dir, options.user, options.password);
    tokenServer = server;
    const crt = JSON.stringify(path.join(dir, "token.crt"));
    lines.push(
      `auth: { token: { realm: "${realm}", service: goship-test, issuer: goship-test-issuer, rootcertbundle: ${crt} } }`,
    );
  } else if (options.user && options.password) {
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
      await new Promise((r) => (tokenServer ? tokenServer.close(r) : r(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
