// The `provenance` key (goship's own): on by default, off with `disable`, DSSE-signed with `key`.
import { z } from "zod";
import { defineSection } from "../config/section.js";

const schema = z
  .object({
    /** Do not write `<project>.intoto.jsonl`. @default false */
    disable: z.boolean().optional(),
    /**
     * Sign the statement (a DSSE envelope) with this ECDSA P-256 or Ed25519 PEM key: a path, or
     * `env:VAR`. @default "" (the `key` of a native `signs` entry, if any; else unsigned)
     */
    key: z.string().optional(),
    /** The file name (templated). @default "{{ .ProjectName }}.intoto.jsonl" */
    name_template: z.string().optional(),
  })
  .strict();

export interface ProvenanceConfig {
  readonly enabled: boolean;
  readonly key: string;
  readonly nameTemplate: string;
}

export const provenanceSection = defineSection({
  key: "provenance",
  goship: schema,
  // GoReleaser has no such key; in its files the key is goship's extension, and left out it is the default.
  goreleaser: schema,
  resolve(user: z.infer<typeof schema> | undefined): ProvenanceConfig {
    return {
      enabled: user?.disable !== true,
      key: user?.key ?? "",
      nameTemplate: user?.name_template ?? "{{ .ProjectName }}.intoto.jsonl",
    };
  },
});
