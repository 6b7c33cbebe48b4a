import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ReleaseMetadata } from "../metadata/metadata.js";
import { parseSigningKey } from "../sign/keys.js";
import { envelopeSignedBy, readProvenance, signStatement } from "./envelope.js";
import { provenanceStatement, statementBytes } from "./statement.js";
import { verifyProvenance } from "./verify.js";

const metadata = {
  project: "api",
  module: "example.com/api",
  version: "v1.2.3",
  commit: "a".repeat(40),
  date: "2024-03-01T12:00:00Z",
  timestamp: 1709294400,
  snapshot: false,
  dirty: false,
  goVersion: "go1.26.8",
  targets: ["linux/amd64"],
  binaries: [{ name: "api", package: "example.com/api/cmd/api" }],
  docs: [],
  stamps: [],
  build: { flags: ["-trimpath"], ldflags: "-s -w", env: { CGO_ENABLED: "0" } },
  archives: 1,
  goship: "0.1.0",
} satisfies ReleaseMetadata;

const dir = mkdtempSync(path.join(os.tmpdir(), "goship-provenance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("provenance", () => {
  const files = { "api_linux_amd64.tar.gz": "archive bytes", "api.sbom.json": "{}" };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const checksums = Object.entries(files)
    .map(([name, text]) => `${sha(text)}  ${name}\n`)
    .join("");
  const statement = provenanceStatement({
    subjects: Object.entries(files).map(([name, text]) => ({ name, sha256: sha(text) })),
    metadata,
    modules: [
      {
        path: "github.com/google/uuid",
        name: "github.com/google/uuid",
        version: "v1.6.0",
        sum: "h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=",
      },
    ],
  });

  it("states every subject sorted, the commit, the toolchain and the modules, with no clock time", () => {
    expect(statement.subject.map((s) => s.name)).toEqual(["api.sbom.json", "api_linux_amd64.tar.gz"]);
    const text = statementBytes(statement).toString();
    expect(text).not.toMatch(/startedOn|finishedOn|invocationId/);
    expect(text).toContain(`"gitCommit":"${"a".repeat(40)}`);
    expect(text).toContain("pkg:golang/github.com/google/uuid@v1.6.0?type=module");
    expect(
      statementBytes(statement).equals(
        statementBytes(
          provenanceStatement({
            subjects: [...statement.subject]
              .reverse()
              .map((s) => ({ name: s.name, sha256: s.digest.sha256 })),
            metadata,
            modules: [],
          }),
        ),
      ),
    ).toBe(false);
  });

  it("verifies against the files, checksums.txt and a key; a tampered file fails", async () => {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = parseSigningKey(pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string, "k");
    const envelope = signStatement(statementBytes(statement), key);
    expect(envelopeSignedBy(envelope, pair.publicKey)).toBe(true);
    const file = path.join(dir, "api.intoto.jsonl");
    writeFileSync(file, `${JSON.stringify(envelope)}\n`);
    expect(readProvenance(`${JSON.stringify(envelope)}\n`, "x").statement).toEqual(
      JSON.parse(statementBytes(statement).toString()),
    );
    const good = await verifyProvenance(file, { publicKey: pair.publicKey, checksums });
    expect(good).toMatchObject({ subjects: 2, signed: true, signatureVerified: true, problems: [] });
    const other = generateKeyPairSync("ed25519").publicKey;
    expect((await verifyProvenance(file, { publicKey: other })).problems).toEqual([
      "the provenance signature does not verify with the given public key",
    ]);
    writeFileSync(path.join(dir, "api_linux_amd64.tar.gz"), "tampered");
    expect(
      (await verifyProvenance(file, { checksums: `${checksums}${sha("x")}  extra.zip\n` })).problems,
    ).toEqual([
      "api_linux_amd64.tar.gz does not match its SHA-256 in the provenance",
      "checksums.txt lists extra.zip, which the provenance does not state",
    ]);
  });
});
