// The `sboms` key: GoReleaser's entries (id, ids, artifacts, documents, cmd, args, env, disable).
// Without a `cmd` goship writes the documents itself from build info; with one it runs it as
// GoReleaser does.
import { z } from "zod";
import { defineSection } from "../config/section.js";
import { SBOM_EXTENSIONS, type SbomFormat } from "./generate.js";

const entrySchema = z
  .object({
    /** Names this entry. @default "default" */
    id: z.string().optional(),
    /** A command that writes the SBOM (e.g. `syft`); without one goship writes it from build info. @default "" */
    cmd: z.string().optional(),
    /** The command's arguments; `$artifact`, `$document` and `$document<N>` are replaced. @default [] */
    args: z.array(z.string()).optional(),
    /** Extra `KEY=value` variables of the command. @default [] */
    env: z.array(z.string()).optional(),
    /**
     * The documents to write, relative to dist (templated). goship writes CycloneDX 1.6 for names
     * ending in `.cdx.json` and SPDX 2.3 otherwise. @default ["{{ .ArtifactName }}.sbom.json"]
     */
    documents: z.array(z.string()).optional(),
    /** What to describe: archive, binary, package, source or any (commands only). @default "archive" */
    artifacts: z.enum(["archive", "binary", "package", "source", "any", "none"]).optional(),
    /** Only artifacts made by these config ids. @default [] (all) */
    ids: z.array(z.string()).optional(),
    /** A template; the entry is skipped when it renders to `true`. @default false */
    disable: z.union([z.boolean(), z.string()]).optional(),
  })
  .strict();

export type SbomArtifacts = "archive" | "binary" | "package" | "source" | "any" | "none";

export interface SbomEntry {
  readonly id: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly documents: readonly string[];
  readonly artifacts: SbomArtifacts;
  readonly ids: readonly string[];
  readonly disable: boolean | string;
}

/** The format of a document goship writes, from its name. */
export function formatOfDocument(name: string): SbomFormat {
  return name.endsWith(SBOM_EXTENSIONS.cyclonedx) ? "cyclonedx" : "spdx";
}

/** GoReleaser's defaults (internal/pipe/sbom), except that no `cmd` means goship's own writer. */
export function withSbomDefaults(input: z.infer<typeof entrySchema>): SbomEntry {
  const artifacts = input.artifacts ?? "archive";
  const cmd = input.cmd ?? "";
  const documents =
    input.documents && input.documents.length > 0
      ? input.documents
      : artifacts === "binary"
        ? ["{{ .Binary }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}.sbom.json"]
        : artifacts === "any"
          ? []
          : ["{{ .ArtifactName }}.sbom.json"];
  const syft = cmd === "syft";
  return {
    id: input.id ?? "default",
    cmd,
    args:
      input.args && input.args.length > 0
        ? input.args
        : syft
          ? ["$artifact", "--output", "spdx-json=$document", "--enrich", "all"]
          : [],
    env:
      input.env && input.env.length > 0
        ? input.env
        : syft && (artifacts === "source" || artifacts === "archive")
          ? ["SYFT_FILE_METADATA_CATALOGER_ENABLED=true"]
          : [],
    documents,
    artifacts,
    ids: input.ids ?? [],
    disable: input.disable ?? false,
  };
}

const schema = z.array(entrySchema);

export const sbomSection = defineSection({
  key: "sboms",
  goship: schema,
  goreleaser: schema,
  resolve(user, facts): readonly SbomEntry[] {
    const entries = (user ?? []).map(withSbomDefaults);
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      if (seen.has(entry.id))
        facts.problem([i, "id"], `found 2 sboms with the ID '${entry.id}', please fix your config`);
      seen.add(entry.id);
      if (entry.artifacts !== "any" && entry.documents.length > 1 && entry.cmd !== "") {
        facts.problem(
          [i, "documents"],
          `multiple SBOM outputs when artifacts=${entry.artifacts} is unsupported`,
        );
      }
      if (entry.artifacts === "any" && entry.cmd === "") {
        facts.problem(
          [i, "artifacts"],
          "artifacts: any needs a cmd; goship's own SBOMs describe archives, binaries or packages",
        );
      }
      for (const [j, d] of entry.documents.entries()) facts.template([i, "documents", j], d, "artifact");
    });
    return entries;
  },
});
