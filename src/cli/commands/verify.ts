// `goship verify [dist]`: prove a release is what it claims; a table on stderr, --json on stdout.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { KindRegistry } from "../../artifacts/kinds.js";
import { ReleaseError } from "../../errors.js";
import { formats } from "../../pipelines/pipelines.js";
import { verifyProvenance } from "../../provenance/verify.js";
import { parsePublicKey } from "../../sign/keys.js";
import { verifySignatureFiles } from "../../sign/verify-files.js";
import { VerificationFailedError } from "../../verify/errors.js";
import { formatVerifyTable, listFailures } from "../../verify/table.js";
import { verify } from "../../verify/verify.js";
import { parse, parsePositiveInt } from "../args.js";

export const verifyHelp = `Usage: goship verify [dist] [--json] [--smoke] [--smoke-args "--version"] [--smoke-timeout ms]

Checks every checksum, archive and binary of a goship release (default: ./dist) from their own
bytes: digests, archive layout and safe paths, target, static linking, stripped, no build ID,
-trimpath, CGO_ENABLED=0, clean VCS state, -X stamps present, one Go version.

  --json                print the report as JSON on stdout
  --smoke               also run each binary that can run here (natively, or under qemu-user for
                        other Linux architectures) and check that it prints the version
  --smoke-args <args>   arguments of the smoke run, space-separated (default: --version)
  --smoke-timeout <ms>  time a smoke run may take (default: 10000)
  --provenance          also check <project>.intoto.jsonl: every subject's SHA-256 against the files,
                        the subjects against checksums.txt, and its signature when --key is given
  --key <public.pem>    check every native signature (<file>.sigstore.json) and the provenance's
                        DSSE signature with this ECDSA P-256 or Ed25519 public key
`;

export async function runVerify(args: readonly string[], signal: AbortSignal): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      json: { type: "boolean" },
      smoke: { type: "boolean" },
      "smoke-args": { type: "string" },
      "smoke-timeout": { type: "string" },
      provenance: { type: "boolean" },
      key: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(verifyHelp);
    return;
  }
  const dist = positionals[0] ?? "dist";
  const report = await verify({
    dist,
    smoke: values.smoke ?? false,
    smokeArgs: values["smoke-args"]?.split(" ").filter(Boolean),
    smokeTimeoutMs:
      values["smoke-timeout"] === undefined
        ? undefined
        : parsePositiveInt(values["smoke-timeout"], "--smoke-timeout", 3_600_000),
    signal,
    kinds: new KindRegistry(formats.kinds),
  });
  for (const line of formatVerifyTable(report)) process.stderr.write(`${line}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failures = [
    ...listFailures(report),
    ...(await supplyChainFailures(dist, values.provenance ?? false, values.key)),
  ];
  if (failures.length > 0) throw new VerificationFailedError(failures);
  process.stderr.write(`  ✓ ${report.count} artifacts verified\n`);
}

/** Signatures (with --key) and provenance (with --provenance), as lines of the report. */
async function supplyChainFailures(
  dist: string,
  provenance: boolean,
  keyFile: string | undefined,
): Promise<string[]> {
  const failures: string[] = [];
  const publicKey =
    keyFile === undefined
      ? undefined
      : parsePublicKey(
          await readFile(keyFile, "utf8").catch(() => {
            throw new ReleaseError(`cannot read the public key ${keyFile}`);
          }),
          keyFile,
        );
  if (publicKey !== undefined) {
    const checks = await verifySignatureFiles(dist, publicKey);
    for (const c of checks) {
      process.stderr.write(`  ${c.ok ? "✓" : "⨯"} ${c.signature}: ${c.detail}\n`);
      if (!c.ok) failures.push(`${c.signature}: ${c.detail}`);
    }
  }
  if (provenance) {
    const files = (await readdir(dist)).filter((n) => n.endsWith(".intoto.jsonl"));
    if (files.length === 0) {
      throw new ReleaseError(
        `no .intoto.jsonl provenance in ${dist}; release with provenance on (the default)`,
      );
    }
    const checksums = await readFile(path.join(dist, await checksumsFileName(dist)), "utf8").catch(
      () => undefined,
    );
    for (const file of files) {
      const result = await verifyProvenance(path.join(dist, file), {
        ...(publicKey ? { publicKey } : {}),
        ...(checksums === undefined ? {} : { checksums }),
      });
      const state = result.signatureVerified ? "signature verified" : result.signed ? "signed" : "unsigned";
      process.stderr.write(
        `  ${result.problems.length === 0 ? "✓" : "⨯"} ${file}: ${result.subjects} subjects, ${state}\n`,
      );
      for (const problem of result.problems) failures.push(`${file}: ${problem}`);
    }
  }
  return failures;
}

/** The combined checksum file artifacts.json names (its name is templated), else checksums.txt. */
async function checksumsFileName(dist: string): Promise<string> {
  const text = await readFile(path.join(dist, "artifacts.json"), "utf8").catch(() => "[]");
  try {
    const records = JSON.parse(text) as Array<{ kind?: string; path?: string }>;
    return records.find((r) => r.kind === "checksums")?.path ?? "checksums.txt";
  } catch {
    return "checksums.txt";
  }
}
