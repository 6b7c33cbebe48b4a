// What happens to each kind of artifact after it is made, declared by the step that makes it:
// checksums, artifacts.json, verification, staging and publishing select artifacts by these
// traits, never by kind name, so a new format plugs in without edits elsewhere.
import type { ArtifactKind } from "./artifact.js";
import type { KindPublisher } from "./kind-publisher.js";

/**
 * GoReleaser's artifact categories (its `artifacts:` filters of signs and sboms), plus goship's
 * own: signing and SBOM steps pick artifacts by category.
 */
export type ArtifactCategory =
  | "archive"
  | "binary"
  | "package"
  | "source"
  | "checksum"
  | "signature"
  | "certificate"
  | "sbom"
  | "image"
  | "manifest"
  | "metadata"
  | (string & {});

/** When a staged file is moved into dist: what looks final (indexes, signatures) comes last. */
export type PublishOrder = "payload" | "index" | "signature" | "last";

export const publishRank: Readonly<Record<PublishOrder, number>> = {
  payload: 0,
  index: 1,
  signature: 2,
  last: 3,
};

export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckResult {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** What was checked when it is not the artifact itself: `<archive>:<entry>`. */
  readonly subject?: string;
}

/** One entry of artifacts.json: the artifact's fields, its target as `os/arch[/level]`. */
export interface ArtifactRecord {
  readonly kind: string;
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly target?: string;
  readonly [field: string]: unknown;
}

/** The artifact's file, already read (its digest and size were checked against artifacts.json). */
export interface VerifiedFile {
  /** What reports call it: its dist-relative path, or `<archive>:<entry>` for a file inside an archive. */
  readonly path: string;
  readonly bytes: Buffer;
}

/** What `goship verify` offers a kind's verifier. */
export interface VerifyContext {
  /** The directory artifact paths are relative to (dist, or the staging area). */
  readonly root: string;
  /** Every record of artifacts.json. */
  readonly artifacts: readonly ArtifactRecord[];
  /** Another file of the release, by dist-relative path. */
  read(relPath: string): Promise<Buffer>;
  /** The digest of a file of the release (memoised), undefined when it is missing. */
  digest(relPath: string, algorithm?: "sha256" | "sha512"): Promise<string | undefined>;
  /** goship's checks of one Go binary built for `target` (stamps, linkage, stripping, …), memoised. */
  checkBinary(bytes: Uint8Array, target: string): Promise<readonly CheckResult[]>;
  /** Reads bytes as the artifact `as` (a binary inside an archive, say) with its kind's verifier. */
  verifyAs(file: VerifiedFile, as: ArtifactRecord): Promise<readonly CheckResult[]>;
}

export type ArtifactVerifier = (
  file: VerifiedFile,
  artifact: ArtifactRecord,
  vctx: VerifyContext,
) => Promise<readonly CheckResult[]>;

export interface KindTraits {
  /** GoReleaser's category, which signing and SBOM steps filter on. */
  readonly category: ArtifactCategory;
  /** Listed in the combined checksums file, and given a split checksum file when configured. */
  readonly checksummed?: boolean;
  /** Uploaded as a release asset by `publish`. */
  readonly uploaded?: boolean;
  /** When it is moved from staging into dist. @default "payload" */
  readonly publishOrder?: PublishOrder;
  /** How `goship verify` reads it back; without one, only its size and digest are checked. */
  readonly verify?: ArtifactVerifier;
  /**
   * The regular files inside it (a package's payload, by installed path), for SBOMs that list them
   * and the Go binaries among them. Archives and binaries need none: SBOMs read those themselves.
   */
  readonly contents?: ArtifactContents;
  /** Where `goship publish` sends it after the forge release (a registry, a tap); none = nowhere. */
  readonly publisher?: KindPublisher;
}

export type ArtifactContents = (
  bytes: Buffer,
  artifact: ArtifactRecord,
) => Promise<ReadonlyArray<{ readonly path: string; readonly data: Uint8Array }>>;

/** What a step declares about the kinds it produces. */
export type KindDeclarations = { readonly [K in ArtifactKind]?: KindTraits };

type BooleanTrait = "checksummed" | "uploaded";

/** The kinds a pipeline can produce, with their traits (`ctx.kinds`). */
export class KindRegistry {
  readonly #traits = new Map<string, KindTraits>();

  constructor(declarations: Iterable<KindDeclarations> = []) {
    for (const declared of declarations) this.declare(declared);
  }

  declare(declared: KindDeclarations): void {
    for (const [kind, traits] of Object.entries(declared) as Array<[string, KindTraits]>) {
      const known = this.#traits.get(kind);
      if (known && known !== traits) throw new Error(`internal: artifact kind ${kind} is declared twice`);
      this.#traits.set(kind, traits);
    }
  }

  traitsOf(kind: string): KindTraits | undefined {
    return this.#traits.get(kind);
  }

  /** A predicate for artifacts whose kind has the trait: `ctx.artifacts.filter(ctx.kinds.with("checksummed"))`. */
  with(trait: BooleanTrait): (artifact: { readonly kind: string }) => boolean {
    return (a) => this.#traits.get(a.kind)?.[trait] === true;
  }

  /** A predicate for artifacts of the given categories. */
  inCategory(...categories: ArtifactCategory[]): (artifact: { readonly kind: string }) => boolean {
    return (a) => categories.includes(this.#traits.get(a.kind)?.category ?? "");
  }

  publishRankOf(kind: string): number {
    return publishRank[this.#traits.get(kind)?.publishOrder ?? "payload"];
  }

  /**
   * The publishers of the given artifacts' kinds, each with the artifacts it sends, in the order
   * the kinds were declared (the pipeline's order); a publisher serving several kinds runs once.
   */
  publishersOf<A extends { readonly kind: string }>(
    artifacts: readonly A[],
  ): Array<{ publisher: KindPublisher; artifacts: A[] }> {
    const groups = new Map<KindPublisher, A[]>();
    for (const [kind, traits] of this.#traits) {
      if (!traits.publisher) continue;
      const own = artifacts.filter((a) => a.kind === kind);
      if (own.length === 0) continue;
      groups.set(traits.publisher, [...(groups.get(traits.publisher) ?? []), ...own]);
    }
    return [...groups].map(([publisher, list]) => ({ publisher, artifacts: list }));
  }

  kinds(): string[] {
    return [...this.#traits.keys()];
  }
}
