// The shape of metadata.json: what a release is and how it was built — what verify and rebuild
// check a published release against. No wall-clock time and no local path ever goes in.
import { ReleaseError } from "../errors.js";

export interface ReleaseMetadata {
  readonly project: string;
  readonly module: string;
  readonly version: string;
  readonly commit: string;
  /** RFC 3339 UTC: the commit time or SOURCE_DATE_EPOCH. */
  readonly date: string;
  readonly timestamp: number;
  readonly snapshot: boolean;
  readonly dirty: boolean;
  readonly goVersion: string;
  readonly goExperiment?: string;
  readonly targets: readonly string[];
  readonly binaries: ReadonlyArray<{ readonly name: string; readonly package: string }>;
  /** Documents every archive carries next to the binaries (README*, LICENSE*, CHANGELOG*). */
  readonly docs: readonly string[];
  /** Every `-X symbol=value` the builds used, so verification can find each value in the binaries. */
  readonly stamps: ReadonlyArray<{ readonly symbol: string; readonly value: string }>;
  readonly build: {
    readonly flags: readonly string[];
    readonly ldflags: string;
    readonly env: Readonly<Record<string, string>>;
    /** How cgo builds were linked, which C compiler built each target, and glibc floors. */
    readonly cgo?: {
      readonly mode: "static" | "dynamic";
      readonly compilers: Readonly<Record<string, string>>;
      readonly glibc?: Readonly<Record<string, string>>;
    };
  };
  readonly archives: number;
  readonly goship: string;
}

export class BadMetadataError extends ReleaseError {
  constructor(file: string, what: string) {
    super(
      `${file} is not a goship metadata.json (${what}); point goship at the dist directory of a goship release`,
    );
  }
}

/** Parses metadata.json text, checking the fields verification relies on. */
export function parseReleaseMetadata(text: string, file = "metadata.json"): ReleaseMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadMetadataError(file, (error as Error).message);
  }
  const m = value as Partial<ReleaseMetadata> | null;
  if (typeof m !== "object" || m === null) throw new BadMetadataError(file, "not an object");
  for (const key of ["project", "version", "commit", "goVersion"] as const) {
    if (typeof m[key] !== "string") throw new BadMetadataError(file, `${key} is missing`);
  }
  if (!Array.isArray(m.targets)) throw new BadMetadataError(file, "targets is missing");
  return { docs: [], stamps: [], ...m } as ReleaseMetadata;
}
