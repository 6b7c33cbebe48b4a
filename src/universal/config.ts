// The `universal_binaries` section, with GoReleaser's keys and defaults: one fat darwin binary per
// entry, joined from the darwin binaries of the builds `ids` names.
import { z } from "zod";
import { type ResolvedHook, resolveHooks } from "../config/builds.js";
import { defineSection } from "../config/section.js";

const hookList = z.union([
  z.string().min(1),
  z.array(
    z.union([
      z.string().min(1),
      z.strictObject({
        cmd: z.string().min(1),
        dir: z.string().optional(),
        env: z.array(z.string()).optional(),
        output: z.boolean().optional(),
      }),
    ]),
  ),
]);

const entry = z.strictObject({
  id: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Id of the universal binary. @default the project name" }),
  ids: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: "Build ids whose darwin binaries are joined. @default [id]" }),
  name_template: z
    .string()
    .optional()
    .meta({ description: "File name of the universal binary (template). @default {{ .ProjectName }}" }),
  replace: z.boolean().optional().meta({
    description:
      "Release the universal binary instead of the single-architecture ones (no darwin amd64/arm64 archives). @default false",
  }),
  mod_timestamp: z
    .string()
    .optional()
    .meta({ description: "Modification time of the file in dist (template, unix seconds). @default none" }),
  hooks: z
    .strictObject({
      pre: hookList.optional().meta({ description: "Run before the universal binary is made." }),
      post: hookList.optional().meta({ description: "Run after it is made (.Path is its path)." }),
    })
    .optional(),
});

export interface ResolvedUniversalBinary {
  readonly id: string;
  readonly ids: readonly string[];
  readonly nameTemplate: string;
  readonly replace: boolean;
  readonly modTimestamp: string;
  readonly hooks: { readonly pre: readonly ResolvedHook[]; readonly post: readonly ResolvedHook[] };
}

type Entry = z.output<typeof entry>;
type HookList = z.output<typeof hookList>;

export const universalBinariesSection = defineSection({
  key: "universal_binaries",
  goship: z.array(entry).meta({
    description:
      "macOS universal binaries: the darwin amd64 and arm64 binaries of a build joined into one file, archived as darwin/all.",
  }),
  // GoReleaser's file: the same keys (its hooks also accept a single command string).
  goreleaser: z.array(entry.loose()),
  resolve(user: Entry[] | undefined, facts): readonly ResolvedUniversalBinary[] {
    const list = user ?? [];
    const seen = new Set<string>();
    return list.map((u, i) => {
      const id = u.id ?? facts.projectName;
      if (seen.has(id))
        facts.problem([i, "id"], `id "${id}" is used twice; give each universal binary its own id`);
      seen.add(id);
      const ids = u.ids ?? [id];
      ids.forEach((build, j) => {
        if (!facts.buildIds.includes(build))
          facts.problem([i, "ids", j], `no build has id "${build}"; ids: ${facts.buildIds.join(", ")}`);
      });
      const nameTemplate = u.name_template ?? "{{ .ProjectName }}";
      facts.template([i, "name_template"], nameTemplate, "artifact");
      if (u.mod_timestamp) facts.template([i, "mod_timestamp"], u.mod_timestamp, "artifact");
      const hooks = {
        pre: resolveHooks(toUserHooks(u.hooks?.pre), `universal_binaries[${i}].hooks.pre`),
        post: resolveHooks(toUserHooks(u.hooks?.post), `universal_binaries[${i}].hooks.post`),
      };
      return {
        id,
        ids,
        nameTemplate,
        replace: u.replace ?? false,
        modTimestamp: u.mod_timestamp ?? "",
        hooks,
      };
    });
  },
});

/** GoReleaser's hooks are command lines split into words (never a shell). */
function toUserHooks(hooks: HookList | undefined) {
  if (hooks === undefined) return undefined;
  if (typeof hooks === "string") return hooks;
  return hooks.map((h) =>
    typeof h === "string" ? h : { cmd: h.cmd, dir: h.dir, env: h.env, output: h.output },
  );
}
