// The release's provenance: an in-toto Statement v1 whose predicate is SLSA Provenance v1. No
// start/finish times or invocation ids: same commit and toolchain give the same statement.
import type { ReleaseMetadata } from "../metadata/metadata.js";
import { goPurl, stdlibPurl } from "../sbom/purl.js";
import { h1ToHex, type ModuleComponent } from "../sbom/subject.js";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
export const INTOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** Documents how to read goship's parameters: the fields of metadata.json, see the README. */
export const GOSHIP_BUILD_TYPE = "https://goship.dev/provenance/release/v1";

export interface Subject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: string;
  readonly predicate: Record<string, unknown>;
}

export interface ProvenanceInput {
  /** Every checksummed artifact: exactly the lines of checksums.txt. */
  readonly subjects: ReadonlyArray<{ readonly name: string; readonly sha256: string }>;
  readonly metadata: ReleaseMetadata;
  /** The config file's name and SHA-256, when there is one. */
  readonly config?: { readonly file: string; readonly sha256: string };
  /** The modules compiled into the binaries (from their build info), any order, duplicates allowed. */
  readonly modules: readonly ModuleComponent[];
  /** Where the source lives (`git+https://…`), when the repository has a remote. */
  readonly sourceUri?: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The SLSA v1 statement for a release. */
export function provenanceStatement(input: ProvenanceInput): Statement {
  const m = input.metadata;
  const source = input.sourceUri ?? `git+${m.module}`;
  const modules = new Map<string, Record<string, unknown>>();
  for (const c of input.modules) {
    const uri = goPurl(c.name, { version: c.version, qualifiers: { type: "module" } });
    const hex = h1ToHex(c.sum);
    modules.set(uri, { uri, ...(hex ? { digest: { sha256: hex } } : {}), name: c.name });
  }
  return {
    _type: STATEMENT_TYPE,
    subject: [...input.subjects]
      .sort((a, b) => compare(a.name, b.name))
      .map((s) => ({ name: s.name, digest: { sha256: s.sha256 } })),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: GOSHIP_BUILD_TYPE,
        externalParameters: {
          source: { uri: source, ...(m.snapshot ? {} : { ref: `refs/tags/${m.version}` }), commit: m.commit },
          version: m.version,
          targets: m.targets,
          build: m.build,
          stamps: m.stamps,
          ...(input.config ? { config: { file: input.config.file, sha256: input.config.sha256 } } : {}),
        },
        internalParameters: {
          date: m.date,
          timestamp: m.timestamp,
          snapshot: m.snapshot,
          dirty: m.dirty,
          ...(m.goExperiment ? { goExperiment: m.goExperiment } : {}),
        },
        resolvedDependencies: [
          { uri: source, digest: { gitCommit: m.commit } },
          { uri: stdlibPurl(m.goVersion), name: m.goVersion },
          ...[...modules.values()].sort((a, b) => compare(a.uri as string, b.uri as string)),
        ],
      },
      runDetails: {
        builder: { id: `pkg:npm/goship@${m.goship}`, version: { goship: m.goship, go: m.goVersion } },
        metadata: {},
      },
    },
  };
}

/** One line of `<project>.intoto.jsonl`: the statement, or its DSSE envelope when signed. */
export function statementBytes(statement: Statement): Buffer {
  return Buffer.from(JSON.stringify(statement), "utf8");
}
