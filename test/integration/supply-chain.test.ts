// A GoReleaser file with `sboms` and `signs`: SBOMs checked by the official validators, signatures by
// gpg, cosign and the sigstore verifier, provenance by the in-toto bindings and `goship verify`.
// The release runs once, with a `syft` on PATH that fails if called; a second one elsewhere (another
// directory, TZ and umask) must write the same SBOMs and provenance statement.
import { execFileSync, spawnSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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
project_name: deps
builds:
  - env: [CGO_ENABLED=0]
    goos: [linux]
    goarch: [amd64]
    # GoReleaser's default flags embed the build directory; these make the release reproducible.
    flags: [-trimpath]
    ldflags: -s -w -buildid= -X main.version={{ .Version }}
    mod_timestamp: "{{ .CommitTimestamp }}"
nfpms:
  - maintainer: Jane Doe <jane@example.com>
    formats: [deb]
sboms:
  - artifacts: archive
  - id: cyclonedx
    artifacts: binary
    documents: ["{{ .Binary }}_{{ .Os }}_{{ .Arch }}.cdx.json"]
  - id: packages
    artifacts: package
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
  let moduleDir: string;
  let dist: string;
  let publicPem: string;
  let signHome: string;
  let verifyHome: string;
  let syftCalled: string;
  const files = () => readdirSync(dist).sort();
  // GoReleaser's default name: {{ .ProjectName }}_{{ .Version }}_checksums.txt.
  const sums = "deps_1.2.3_checksums.txt";

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "goship-supply-"));
    moduleDir = copyFixture("deps", { parent: work, git: false });
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
    signHome = path.join(work, "gnupg-sign");
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
    // GoReleaser shells out to syft for SBOMs; goship must not: this one only leaves a trace.
    const fakeBin = path.join(work, "fake-bin");
    mkdirSync(fakeBin);
    syftCalled = path.join(work, "syft-was-called");
    writeFileSync(path.join(fakeBin, "syft"), `#!/bin/sh\ntouch '${syftCalled}'\nexit 1\n`);
    chmodSync(path.join(fakeBin, "syft"), 0o755);
    dist = path.join(moduleDir, "dist");
    const result = await runCli(["release", "--dir", moduleDir], {
      env: {
        ...gpgEnv,
        PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ""}`,
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

  it("makes the SBOMs itself: the syft on PATH is never called", () => {
    expect(existsSync(syftCalled)).toBe(false);
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
    type Spdx = {
      packages: { name: string; versionInfo: string; primaryPackagePurpose: string; comment?: string }[];
      files: { fileName: string }[];
    };
    const spdxOf = (name: string) => JSON.parse(readFileSync(path.join(dist, name), "utf8")) as Spdx;
    const modulesOf = (spdx: Spdx) =>
      spdx.packages
        .filter((p) => p.primaryPackagePurpose === "LIBRARY" && p.name !== "stdlib")
        .map((p) => `${p.name}@${p.versionInfo} ${p.comment?.replace("go.sum ", "") ?? ""}`);
    expect(modulesOf(spdxOf("deps_1.2.3_linux_amd64.tar.gz.sbom.json"))).toEqual(expected);
    expect(expected).toEqual([expect.stringMatching(/^github.com\/google\/uuid@v1.6.0 h1:/)]);
    // The .deb is read by its own format: its files as installed, and the Go binary among them.
    const deb = files().find((n) => n.endsWith(".deb"))!;
    const debSbom = spdxOf(`${deb}.sbom.json`);
    expect(modulesOf(debSbom)).toEqual(expected);
    expect(debSbom.files.map((f) => f.fileName)).toContain("./usr/bin/deps");
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
    expect(ok.stderr).toContain("✓ deps.intoto.jsonl: 5 subjects, signature verified");
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

  it("writes the same SBOMs, checksums and provenance statement from another directory, TZ and umask", async () => {
    // Signatures are randomised (and made with a fresh key here); everything they sign is not.
    const other = path.join(work, "elsewhere", "deps-clone");
    execFileSync("git", ["clone", "-q", "--no-local", moduleDir, other], {
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" },
    });
    const pair = generateKeyPairSync("ed25519");
    const gpgEnv = { ...process.env, GNUPGHOME: signHome };
    const result = await runCli(["release", "--dir", other], {
      umask: "077",
      env: {
        ...gpgEnv,
        TZ: "Pacific/Kiritimati",
        LC_ALL: "C",
        GOSHIP_TEST_SIGNING_KEY: pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      },
    });
    spawnSync("gpgconf", ["--kill", "gpg-agent"], { env: gpgEnv });
    expect(result.code, result.stderr).toBe(0);
    const otherDist = path.join(other, "dist");
    const sboms = files().filter((n) => n.endsWith(".sbom.json") || n.endsWith(".cdx.json"));
    expect(sboms.length).toBe(3);
    for (const name of [...sboms, sums]) {
      expect(readFileSync(path.join(otherDist, name)).equals(readFileSync(path.join(dist, name))), name).toBe(
        true,
      );
    }
    const payload = (dir: string) =>
      (JSON.parse(readFileSync(path.join(dir, "deps.intoto.jsonl"), "utf8")) as { payload: string }).payload;
    expect(payload(otherDist)).toBe(payload(dist));
  });
});
