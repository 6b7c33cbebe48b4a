// A GoReleaser file with `sboms` and `signs`: SBOMs checked by the official validators, signatures by
// gpg, cosign and the sigstore verifier, provenance by the in-toto bindings and `goship verify`.
import { execFileSync, spawnSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBuildInfoText } from "../../src/inspect/modinfo.js";
import { moduleComponent } from "../../src/sbom/subject.js";
import { verifyBundle } from "../../src/sign/bundle.js";
import { runCli } from "../helpers/cli.js";
import { copyFixture } from "../helpers/fixture.js";
import {
  findTool,
  findValidatorPython,
  missingTools,
  validateDocuments,
} from "../helpers/supply-chain-tools.js";

const python = findValidatorPython();
const gpg = findTool("gpg");
const cosign = findTool("cosign");
const skipReason = missingTools({ go: findTool("go"), gpg, "SBOM validators (python venv)": python });

const goreleaserYaml = `version: 2
builds:
  - env: [CGO_ENABLED=0]
    goos: [linux]
    goarch: [amd64]
sboms:
  - artifacts: archive
  - id: cyclonedx
    artifacts: binary
    documents: ["{{ .Binary }}_{{ .Os }}_{{ .Arch }}.cdx.json"]
signs:
  - artifacts: checksum
  - id: native
    key: env:GOSHIP_TEST_SIGNING_KEY
`;

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd?: string) {
  return spawnSync(command, args, { env, cwd, encoding: "utf8" });
}

describe.skipIf(skipReason !== undefined)(`supply chain of a GoReleaser release ${skipReason ?? ""}`, () => {
  let work: string;
  let dist: string;
  let publicPem: string;
  let verifyHome: string;
  const files = () => readdirSync(dist).sort();
  // GoReleaser's default name: {{ .ProjectName }}_{{ .Version }}_checksums.txt.
  const sums = "deps_1.2.3_checksums.txt";

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "goship-supply-"));
    const moduleDir = copyFixture("deps", { parent: work, git: false });
    writeFileSync(path.join(moduleDir, ".goreleaser.yaml"), goreleaserYaml);
    for (const args of [
      ["init", "-q", "-b", "main"],
      ["add", "-A"],
      ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "x"],
      ["tag", "v1.2.3"],
    ]) {
      execFileSync("git", args, {
        cwd: moduleDir,
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_COMMITTER_DATE: "1709294400 +0000",
          GIT_AUTHOR_DATE: "1709294400 +0000",
        },
      });
    }
    // A throw-away GnuPG home with an unprotected key, and another holding only its public half.
    const signHome = path.join(work, "gnupg-sign");
    verifyHome = path.join(work, "gnupg-verify");
    mkdirSync(signHome, { mode: 0o700 });
    mkdirSync(verifyHome, { mode: 0o700 });
    const gpgEnv = { ...process.env, GNUPGHOME: signHome };
    execFileSync(
      gpg!,
      [
        "--batch",
        "--passphrase",
        "",
        "--quick-gen-key",
        "Release Signer <signer@example.com>",
        "ed25519",
        "sign",
        "never",
      ],
      { env: gpgEnv, stdio: "ignore" },
    );
    const exported = execFileSync(gpg!, ["--batch", "--armor", "--export", "signer@example.com"], {
      env: gpgEnv,
    });
    execFileSync(gpg!, ["--batch", "--import"], {
      env: { ...process.env, GNUPGHOME: verifyHome },
      input: exported,
      stdio: ["pipe", "ignore", "ignore"],
    });
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    publicPem = pair.publicKey.export({ type: "spki", format: "pem" }) as string;
    writeFileSync(path.join(work, "goship.pub"), publicPem);
    dist = path.join(moduleDir, "dist");
    const result = await runCli(["release", "--dir", moduleDir], {
      env: {
        ...gpgEnv,
        GOSHIP_TEST_SIGNING_KEY: pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      },
    });
    spawnSync("gpgconf", ["--kill", "gpg-agent"], { env: gpgEnv });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("PRIVATE KEY");
  });
  afterAll(() => {
    spawnSync("gpgconf", ["--kill", "gpg-agent"], { env: { ...process.env, GNUPGHOME: verifyHome } });
    rmSync(work, { recursive: true, force: true });
  });

  it("writes SBOMs, signatures and provenance; checksums.txt lists the SBOMs but no signature", () => {
    expect(files()).toEqual(
      expect.arrayContaining([
        sums,
        `${sums}.sig`,
        `${sums}.sigstore.json`,
        "deps.intoto.jsonl",
        "deps_1.2.3_linux_amd64.tar.gz",
        "deps_1.2.3_linux_amd64.tar.gz.sbom.json",
        "deps_linux_amd64.cdx.json",
      ]),
    );
    const listed = readFileSync(path.join(dist, sums), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split("  ")[1]);
    expect(listed).toContain("deps_1.2.3_linux_amd64.tar.gz.sbom.json");
    expect(listed.filter((n) => /\.sig|sigstore|intoto/.test(n!))).toEqual([]);
  });

  it("gives SBOMs the official validators accept, listing exactly what `go version -m` lists", () => {
    const documents = files()
      .filter((n) => n.endsWith(".sbom.json") || n.endsWith(".cdx.json"))
      .map((n) => path.join(dist, n));
    const provenance = path.join(dist, "deps.intoto.jsonl");
    const statement = path.join(work, "statement.intoto.jsonl");
    const line = JSON.parse(readFileSync(provenance, "utf8")) as { payload: string };
    writeFileSync(statement, `${Buffer.from(line.payload, "base64").toString("utf8")}\n`);
    const results = validateDocuments(python!, [...documents, statement]);
    expect(results).toEqual(Object.fromEntries([...documents, statement].map((d) => [d, null])));
    const records = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8")) as {
      kind: string;
      path: string;
    }[];
    const binary = path.join(dist, records.find((r) => r.kind === "binary")!.path);
    const text = execFileSync("go", ["version", "-m", binary], { encoding: "utf8" })
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^\t/, ""))
      .join("\n");
    const expected = parseBuildInfoText(text)
      .deps.map(moduleComponent)
      .map((c) => `${c.name}@${c.version} ${c.sum}`);
    const spdx = JSON.parse(
      readFileSync(path.join(dist, "deps_1.2.3_linux_amd64.tar.gz.sbom.json"), "utf8"),
    ) as {
      packages: { name: string; versionInfo: string; primaryPackagePurpose: string; comment?: string }[];
    };
    const modules = spdx.packages
      .filter((p) => p.primaryPackagePurpose === "LIBRARY" && p.name !== "stdlib")
      .map((p) => `${p.name}@${p.versionInfo} ${p.comment?.replace("go.sum ", "") ?? ""}`);
    expect(modules).toEqual(expected);
    expect(expected).toEqual([expect.stringMatching(/^github.com\/google\/uuid@v1.6.0 h1:/)]);
  });

  it("signs checksums.txt so that gpg --verify accepts it, and a tampered copy fails", () => {
    const env = { ...process.env, GNUPGHOME: verifyHome };
    const sum = path.join(dist, sums);
    expect(run(gpg!, ["--batch", "--verify", `${sum}.sig`, sum], env).status).toBe(0);
    const tampered = path.join(work, sums);
    writeFileSync(tampered, `${readFileSync(sum, "utf8")}0000  extra\n`);
    expect(run(gpg!, ["--batch", "--verify", `${sum}.sig`, tampered], env).status).toBe(1);
  });

  it("writes a native bundle the sigstore verifier accepts for the final checksums.txt only", () => {
    const bundle = readFileSync(path.join(dist, `${sums}.sigstore.json`), "utf8");
    const bytes = readFileSync(path.join(dist, sums));
    expect(() => verifyBundle(bundle, createPublicKey(publicPem), bytes)).not.toThrow();
    expect(() =>
      verifyBundle(bundle, createPublicKey(publicPem), Buffer.concat([bytes, Buffer.from("x")])),
    ).toThrow();
  });

  it.skipIf(cosign === undefined && process.env.CI !== "true")(
    "has cosign verify-blob accept the bundle offline, and refuse a tampered file",
    () => {
      if (cosign === undefined) throw new Error("cosign is missing (installed by .ci/run)");
      const root = path.join(work, "trusted_root.json");
      writeFileSync(root, '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}\n');
      const env = { ...process.env, TUF_ROOT: path.join(work, "tuf"), HOME: work };
      const args = (file: string) => [
        "verify-blob",
        "--key",
        path.join(work, "goship.pub"),
        "--insecure-ignore-tlog",
        "--new-bundle-format",
        "--trusted-root",
        root,
        "--bundle",
        path.join(dist, `${sums}.sigstore.json`),
        file,
      ];
      const ok = run(cosign, args(path.join(dist, sums)), env);
      expect(ok.status, ok.stderr).toBe(0);
      const tampered = path.join(work, "checksums-tampered.txt");
      writeFileSync(tampered, `${readFileSync(path.join(dist, sums), "utf8")} `);
      expect(run(cosign, args(tampered), env).status).toBe(1);
      const attestation = run(
        cosign,
        [
          "verify-blob-attestation",
          "--key",
          path.join(work, "goship.pub"),
          "--insecure-ignore-tlog",
          "--type",
          "slsaprovenance1",
          "--signature",
          path.join(dist, "deps.intoto.jsonl"),
          path.join(dist, "deps_1.2.3_linux_amd64.tar.gz"),
        ],
        env,
      );
      expect(attestation.status, attestation.stderr).toBe(0);
    },
  );

  it("states exactly checksums.txt as provenance subjects; verify --provenance fails on a tampered artifact", async () => {
    const line = JSON.parse(readFileSync(path.join(dist, "deps.intoto.jsonl"), "utf8")) as {
      payload: string;
    };
    const statement = JSON.parse(Buffer.from(line.payload, "base64").toString("utf8")) as {
      subject: { name: string; digest: { sha256: string } }[];
    };
    const checksums = readFileSync(path.join(dist, sums), "utf8");
    expect(statement.subject.map((s) => `${s.digest.sha256}  ${s.name}\n`).join("")).toBe(checksums);
    // The binary checks of `verify` judge GoReleaser's own build defaults; only the supply-chain lines matter here.
    const ok = await runCli(["verify", dist, "--provenance", "--key", path.join(work, "goship.pub")]);
    expect(ok.stderr).toContain(`✓ ${sums}.sigstore.json: signature verified`);
    expect(ok.stderr).toContain("✓ deps.intoto.jsonl: 3 subjects, signature verified");
    expect(ok.stderr).not.toMatch(/deps\.intoto\.jsonl: .*(does not|missing)|sigstore\.json: the signature/);
    const copy = path.join(work, "dist-tampered");
    cpSync(dist, copy, { recursive: true });
    writeFileSync(path.join(copy, "deps_1.2.3_linux_amd64.tar.gz"), "not the archive");
    const bad = await runCli(["verify", copy, "--provenance", "--key", path.join(work, "goship.pub")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "deps.intoto.jsonl: deps_1.2.3_linux_amd64.tar.gz does not match its SHA-256 in the provenance",
    );
    expect(bad.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
