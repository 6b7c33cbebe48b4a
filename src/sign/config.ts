// The `signs`, `binary_signs` and `docker_signs` entries as GoReleaser v2.15 reads them, plus
// goship's native key, and their defaults.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${artifact} and friends are GoReleaser's os.Expand variables, not JS templates
import { z } from "zod";

/** What a `signs` entry signs (GoReleaser's `artifacts` values). */
export const SIGN_ARTIFACTS = [
  "none",
  "all",
  "checksum",
  "source",
  "package",
  "archive",
  "binary",
  "sbom",
] as const;
export type SignArtifacts = (typeof SIGN_ARTIFACTS)[number] | "image" | "manifest";

export const signEntrySchema = z
  .object({
    /** Names this entry; other keys refer to it. @default "default" */
    id: z.string().optional(),
    /** The signing command. @default "gpg" (unless `key` is set: then goship signs natively) */
    cmd: z.string().optional(),
    /**
     * Its arguments; `${artifact}`, `${signature}`, `${certificate}` and `${artifactID}` are
     * replaced, then templates rendered. @default ["--output", "$signature", "--detach-sig", "$artifact"]
     */
    args: z.array(z.string()).optional(),
    /** The signature file written beside the artifact. @default "${artifact}.sig" (`.sigstore.json` with `key`) */
    signature: z.string().optional(),
    /** A certificate file the command writes, recorded as an artifact when set. @default "" */
    certificate: z.string().optional(),
    /** Which artifacts to sign. @default "none" (`binary` for binary_signs, `checksum` with `key`) */
    artifacts: z.string().optional(),
    /** Only artifacts whose config id is listed. @default [] (all) */
    ids: z.array(z.string()).optional(),
    /** Text given to the command on its standard input (templated), e.g. a passphrase. */
    stdin: z.string().optional(),
    /** A file given to the command on its standard input. */
    stdin_file: z.string().optional(),
    /** Extra `KEY=value` variables for the command (templated). @default [] */
    env: z.array(z.string()).optional(),
    /** Show the command's output. @default false */
    output: z.union([z.boolean(), z.string()]).optional(),
    /** A template; an artifact is signed only when it renders to `true`. @default "" (always) */
    if: z.string().optional(),
    /**
     * goship: sign natively with this ECDSA P-256 or Ed25519 PEM key (a path, or `env:VAR`), into a
     * Sigstore bundle that `cosign verify-blob --key` accepts; no signing tool needed. @default ""
     */
    key: z.string().optional(),
  })
  .strict();

export type SignEntryInput = z.infer<typeof signEntrySchema>;

/** A `signs` entry with every default applied. */
export interface SignEntry {
  readonly id: string;
  /** "" in native mode. */
  readonly cmd: string;
  readonly args: readonly string[];
  readonly signature: string;
  readonly certificate: string;
  readonly artifacts: SignArtifacts;
  readonly ids: readonly string[];
  readonly stdin: string | undefined;
  readonly stdinFile: string | undefined;
  readonly env: readonly string[];
  readonly output: boolean | string;
  readonly if: string;
  /** The native key (`env:VAR` or a path); "" for command signing. */
  readonly key: string;
}

export type SignFlavor = "signs" | "binary_signs" | "docker_signs";

const DEFAULT_BINARY_SIGNATURE =
  '${artifact}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';

/** GoReleaser's defaults (internal/pipe/sign); a `key` without a `cmd` selects native signing. */
export function withSignDefaults(input: SignEntryInput, flavor: SignFlavor): SignEntry {
  const native = (input.key ?? "") !== "" && input.cmd === undefined;
  const defaultArtifacts = flavor === "binary_signs" ? "binary" : native ? "checksum" : "none";
  const defaultSignature = native
    ? "${artifact}.sigstore.json"
    : flavor === "binary_signs"
      ? `${DEFAULT_BINARY_SIGNATURE}.sig`
      : "${artifact}.sig";
  return {
    id: input.id ?? "default",
    cmd: native ? "" : input.cmd || (flavor === "docker_signs" ? "cosign" : "gpg"),
    args:
      input.args && input.args.length > 0
        ? input.args
        : flavor === "docker_signs"
          ? ["sign", "--key=cosign.key", "${artifact}@${digest}", "--yes"]
          : ["--output", "$signature", "--detach-sig", "$artifact"],
    signature: input.signature || (flavor === "docker_signs" ? "" : defaultSignature),
    certificate: input.certificate ?? "",
    artifacts: (input.artifacts || defaultArtifacts) as SignArtifacts,
    ids: input.ids ?? [],
    stdin: input.stdin,
    stdinFile: input.stdin_file,
    env: input.env ?? [],
    output: input.output ?? false,
    if: input.if ?? "",
    key: native ? (input.key ?? "") : "",
  };
}

/** Entries must have distinct ids, as GoReleaser requires; returns the duplicated ids. */
export function duplicateIds(entries: readonly SignEntry[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const e of entries) (seen.has(e.id) ? dup : seen).add(e.id);
  return [...dup];
}
