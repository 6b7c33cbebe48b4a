// Template rendering over the release context: the variables GoReleaser users know, per release
// and per target, and one warning for each template whose output depends on the wall clock.
import { readFileSync } from "node:fs";
import path from "node:path";
import { rfc3339 } from "../git/state.js";
import { archLabel, effectiveLevel, levelVariable, type Target } from "../go/targets.js";
import { parseTemplate, type Template, type TemplateData } from "../template/index.js";
import { need, type ReleaseContext } from "./context.js";
import { factKey } from "./facts.js";

const parsedTemplates = factKey<Map<string, Template>>("parsed templates");
const wallClockWarned = factKey<Set<string>>("templates warned about the wall clock");
const templateEnvKey = factKey<Readonly<Record<string, string>>>("template env");

/** Parses once per run and renders; `name` is the config path that appears in errors. */
export function render(
  ctx: ReleaseContext,
  source: string,
  name: string,
  data: TemplateData,
  env: Readonly<Record<string, string>> = templateEnv(ctx),
): string {
  if (!source.includes("{{")) return source;
  const parsed = ctx.facts.once(parsedTemplates, () => new Map<string, Template>());
  const cacheKey = `${name}\0${source}`;
  let template = parsed.get(cacheKey);
  if (!template) {
    template = parseTemplate(source, name);
    parsed.set(cacheKey, template);
  }
  const moduleDir = ctx.module?.dir ?? ctx.options.dir;
  return template.render(data, {
    env,
    now: () => runTime(ctx),
    cwd: moduleDir,
    readFile: (file) => readFileSync(path.resolve(moduleDir, file)),
    onNondeterministic: (what) => {
      // With SOURCE_DATE_EPOCH the clock is that instant: the output is reproducible.
      if (/^\d+$/.test(ctx.env.SOURCE_DATE_EPOCH ?? "")) return;
      const warned = ctx.facts.once(wallClockWarned, () => new Set<string>());
      if (warned.has(name)) return;
      warned.add(name);
      ctx.log.warn(
        "a template reads the wall clock, so this output changes on every run (not reproducible)",
        {
          template: name,
          uses: what,
        },
      );
    },
  });
}

const runTimeKey = factKey<Date>("run time");

/**
 * `.Date`, `.Now` and `.Timestamp`: one instant for the whole run, as GoReleaser fixes it when the
 * run starts, so that every target and every template agrees; SOURCE_DATE_EPOCH when set.
 */
export function runTime(ctx: ReleaseContext): Date {
  return ctx.facts.once(runTimeKey, () => {
    const epoch = ctx.env.SOURCE_DATE_EPOCH;
    return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  });
}

/** `.Env`: the caller's environment plus the config's top-level env (rendered with the former). */
export function templateEnv(ctx: ReleaseContext): Readonly<Record<string, string>> {
  return ctx.facts.once(templateEnvKey, () => {
    const base = stringEnv(ctx.env);
    const config = need(ctx, "config");
    const added: Record<string, string> = {};
    config.env.forEach((entry, i) => {
      const rendered = render(ctx, entry, `env[${i}]`, releaseFields(ctx), base);
      const [key, value] = splitEnv(rendered);
      if (key) added[key] = value;
    });
    return { ...base, ...added };
  });
}

/** The variables of every template: project, version, git and run facts. */
export function releaseFields(ctx: ReleaseContext, version?: string): Record<string, unknown> {
  const release = need(ctx, "release");
  const config = need(ctx, "config");
  const semver = parseSemver(release.tag);
  const commitTime = config.flavor === "goreleaser" ? release.commitTime : release.time;
  return {
    ProjectName: config.projectName,
    ModulePath: need(ctx, "module").path,
    Version: version ?? release.version,
    RawVersion: `${semver.major}.${semver.minor}.${semver.patch}`,
    Tag: release.tag || (config.flavor === "goreleaser" ? "v0.0.0" : ""),
    Major: semver.major,
    Minor: semver.minor,
    Patch: semver.patch,
    Prerelease: semver.prerelease,
    Commit: release.commit,
    FullCommit: release.commit,
    ShortCommit: release.shortCommit,
    CommitDate: rfc3339(commitTime),
    CommitTimestamp: commitTime,
    Summary: release.summary,
    IsSnapshot: release.snapshot,
    IsGitDirty: release.dirty,
    IsGitClean: !release.dirty,
    GitTreeState: release.dirty ? "dirty" : "clean",
    IsSingleTarget: ctx.options.singleTarget,
    Runtime: { Goos: ctx.toolchain?.hostOs ?? "", Goarch: ctx.toolchain?.hostArch ?? "" },
    // The rest of GoReleaser's fields: git facts, and release facts a local release does not have.
    Branch: ctx.git?.branch ?? "",
    PreviousTag: ctx.git?.previousTag ?? "",
    GitURL: ctx.git?.url ?? "",
    TagSubject: ctx.git?.tagMessage?.subject ?? "",
    TagContents: ctx.git?.tagMessage?.contents ?? "",
    TagBody: ctx.git?.tagMessage?.body ?? "",
    IsNightly: false,
    IsDraft: false,
    ReleaseNotes: "",
    ReleaseURL: "",
  };
}

/** The per-target variables: `.Os`, `.Arch`, the level of the target's architecture, `.Target`. */
export function targetFields(target: Target): Record<string, string> {
  const level = effectiveLevel(target) ?? "";
  const variable = levelVariable(target.goarch);
  const levelOf = (name: string) => (variable === name ? level : "");
  return {
    Os: target.goos,
    Arch: target.goarch,
    Amd64: levelOf("GOAMD64"),
    Arm: levelOf("GOARM"),
    Arm64: levelOf("GOARM64"),
    I386: levelOf("GO386"),
    Mips: variable === "GOMIPS" || variable === "GOMIPS64" ? level : "",
    Ppc64: levelOf("GOPPC64"),
    Riscv64: levelOf("GORISCV64"),
    Target: goreleaserTargetId(target),
    ArchVariant: archLabel(target),
  };
}

/** GoReleaser's target id, `linux_amd64_v1`, `linux_arm_7`, `js_wasm`: also its dist folder suffix. */
export function goreleaserTargetId(target: Target): string {
  const level = levelVariable(target.goarch) ? effectiveLevel(target) : undefined;
  return [target.goos, target.goarch, level].filter(Boolean).join("_");
}

export function splitEnv(entry: string): [key: string, value: string] {
  const at = entry.indexOf("=");
  return at <= 0 ? ["", ""] : [entry.slice(0, at), entry.slice(at + 1)];
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** Major/Minor/Patch/Prerelease of a tag, leniently as GoReleaser's semver library reads it; zeros otherwise. */
export function parseSemver(tag: string): {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
} {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!match) return { major: 0, minor: 0, patch: 0, prerelease: "" };
  return {
    major: Number(match[1]),
    minor: Number(match[2] ?? 0),
    patch: Number(match[3] ?? 0),
    prerelease: match[4] ?? "",
  };
}
