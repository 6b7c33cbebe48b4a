// The mechanism by which a format's config plugs in: a section names its key, its schema (and
// GoReleaser's, under GoReleaser's key names) and how it resolves. The pipeline module passes the
// sections of its steps to config resolution and schema generation; config/ knows no format.
import type { z } from "zod";
import type { ConfigIssue } from "./errors.js";
import { formatPath } from "./errors.js";
import type { TemplateRef, TemplateScope } from "./fields.js";

/** What a section's `resolve` may know and do beyond its own part of the file. */
export interface SectionFacts {
  /** Whose semantics apply: goship's, or GoReleaser's for a GoReleaser file. */
  readonly flavor: "goship" | "goreleaser";
  readonly projectName: string;
  /** Module path and main packages. */
  readonly modulePath: string;
  /** Ids of the resolved builds, for `ids:` lists. */
  readonly buildIds: readonly string[];
  /** Ids of the resolved archives. */
  readonly archiveIds: readonly string[];
  /** The caller's environment (GoReleaser expands `$VAR` in some keys). */
  readonly env: NodeJS.ProcessEnv;
  /** Reports a problem at a path inside the section: `problem([0, "name_template"], "…")`. */
  problem(at: ReadonlyArray<PropertyKey>, message: string): void;
  /** Registers a template for the static check of the fields it reads. */
  template(
    at: ReadonlyArray<PropertyKey>,
    source: string,
    scope: TemplateScope,
    fields?: readonly string[],
  ): void;
}

export interface Section<
  Key extends string = string,
  Goship = unknown,
  Goreleaser = unknown,
  Resolved = unknown,
> {
  /** The top-level key, the same in goship.yaml and in a GoReleaser file. */
  readonly key: Key;
  /** goship's schema of the key; its JSDoc descriptions reach schema.json. */
  readonly goship: z.ZodType<Goship>;
  /** GoReleaser's schema of the key (GoReleaser's names); without one, goship ignores the key there. */
  readonly goreleaser?: z.ZodType<Goreleaser>;
  /** The parsed key (undefined when the file leaves it out) → what the step reads. */
  resolve(user: Goship | Goreleaser | undefined, facts: SectionFacts): Resolved;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of sections of every type
export type AnySection = Section<string, any, any, any>;

export type ResolvedOf<S> = S extends Section<string, unknown, unknown, infer R> ? R : never;

export function defineSection<Key extends string, Goship, Goreleaser, Resolved>(
  section: Section<Key, Goship, Goreleaser, Resolved>,
): Section<Key, Goship, Goreleaser, Resolved> {
  return section;
}

/** The resolved sections of a config, by key. */
export type ResolvedSections = ReadonlyMap<string, unknown>;

/** A step's resolved part of the config, typed by its section. */
export function sectionOf<Resolved>(
  config: { readonly sections: ResolvedSections },
  // biome-ignore lint/suspicious/noExplicitAny: any user types; the resolved type is what matters
  section: Section<string, any, any, Resolved>,
): Resolved {
  if (!config.sections.has(section.key))
    throw new Error(`internal: config section ${section.key} was not resolved; list its step in a pipeline`);
  return config.sections.get(section.key) as Resolved;
}

type Problem = ConfigIssue & { at: ReadonlyArray<PropertyKey> };

export interface SectionsInput {
  readonly data: Readonly<Record<string, unknown>>;
  readonly sections: readonly AnySection[];
  readonly facts: Omit<SectionFacts, "problem" | "template">;
  readonly issues: Problem[];
  readonly templates: TemplateRef[];
  /** Turns a zod error into issues (with positions, worded for YAML users). */
  readonly zodIssues: (error: z.ZodError, at: ReadonlyArray<PropertyKey>) => Problem[];
}

/** Parses and resolves every section; problems and templates are collected, not thrown. */
export function resolveSections(input: SectionsInput): Map<string, unknown> {
  const resolved = new Map<string, unknown>();
  for (const section of input.sections) {
    const { key } = section;
    const schema = input.facts.flavor === "goreleaser" ? section.goreleaser : section.goship;
    const raw = input.data[key];
    let user: unknown;
    if (schema && raw !== undefined) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        input.issues.push(...input.zodIssues(parsed.error, [key]));
        continue;
      }
      user = parsed.data;
    }
    const facts: SectionFacts = {
      ...input.facts,
      problem: (at, message) =>
        input.issues.push({ at: [key, ...at], path: formatPath([key, ...at]), message }),
      template: (at, source, scope, fields) =>
        input.templates.push({ path: [key, ...at], source, scope, fields }),
    };
    resolved.set(key, section.resolve(user, facts));
  }
  return resolved;
}
