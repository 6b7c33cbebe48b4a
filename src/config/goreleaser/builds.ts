// GoReleaser's builds: targets, levels, overrides and hooks with GoReleaser's defaults
// (internal/builders/golang), as goship's ResolvedBuild.
import { expandMatrix, type IgnoreRule, type LevelKey, levelKeyOf } from "../../go/matrix.js";
import type { Target } from "../../go/targets.js";
import type { ResolvedBuild, ResolvedHook } from "../builds.js";
import type { TemplateRef } from "../fields.js";
import type { GoreleaserBuild, GoreleaserIgnore } from "./schema.js";

/** GoReleaser's default level values (internal/builders/golang/build.go). */
export function goreleaserDefaultLevels(env: NodeJS.ProcessEnv): Record<LevelKey, string> {
  // GORELEASER_EXPERIMENTAL=defaultgoarm switches GoReleaser's GOARM default to 7.
  const goarm = (env.GORELEASER_EXPERIMENTAL ?? "").split(",").includes("defaultgoarm") ? "7" : "6";
  return {
    goamd64: "v1",
    go386: "sse2",
    goarm,
    goarm64: "v8.0",
    gomips: "hardfloat",
    goppc64: "power8",
    goriscv64: "rva20u64",
  };
}

/** A target with GoReleaser's default level when it has none (`linux/arm` → GOARM 6). */
export function withGoreleaserLevel(target: Target, env: NodeJS.ProcessEnv): Target {
  const key = levelKeyOf(target.goarch);
  return target.level !== undefined || !key
    ? target
    : { ...target, level: goreleaserDefaultLevels(env)[key] };
}

/** The os/arch pairs GoReleaser builds; other matrix pairs are dropped silently (targets.go). */
const goreleaserValidPairs = new Set(
  (
    "aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 dragonfly/amd64 " +
    "freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 illumos/amd64 ios/arm64 js/wasm wasip1/wasm linux/386 " +
    "linux/amd64 linux/arm linux/arm64 linux/ppc64 linux/ppc64le linux/mips linux/mipsle linux/mips64 " +
    "linux/mips64le linux/s390x linux/riscv64 linux/loong64 netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 " +
    "openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64 plan9/386 plan9/amd64 plan9/arm solaris/amd64 " +
    "solaris/sparc solaris/sparc64 windows/arm64 windows/386 windows/amd64 openbsd/riscv64"
  ).split(" "),
);

const goreleaserGoos = new Set(
  "aix android darwin dragonfly freebsd illumos ios js linux netbsd openbsd plan9 solaris windows wasip1".split(
    " ",
  ),
);
const goreleaserGoarch = new Set(
  "386 amd64 arm arm64 mips mips64 mips64le mipsle ppc64 ppc64le s390x wasm riscv64 loong64 sparc sparc64".split(
    " ",
  ),
);

const firstClassTargets = [
  "darwin_amd64",
  "darwin_arm64",
  "linux_386",
  "linux_amd64",
  "linux_arm",
  "linux_arm64",
  "windows_386",
  "windows_amd64",
];

/** The targets of one GoReleaser build: `targets`, else goos × goarch × levels minus ignore. */
export function goreleaserTargets(b: GoreleaserBuild, env: NodeJS.ProcessEnv): Target[] {
  const defaults = goreleaserDefaultLevels(env);
  if (b.targets && b.targets.length > 0) {
    const seen = new Map<string, Target>();
    for (const t of b.targets.flatMap((t) =>
      t === "go_first_class" || t === "go_118_first_class" ? firstClassTargets : [t],
    )) {
      const [goos = "", goarch = "", extra] = t.split("_");
      const key = levelKeyOf(goarch);
      const level = extra ?? (key ? defaults[key] : undefined);
      const target: Target = level === undefined ? { goos, goarch } : { goos, goarch, level };
      seen.set(`${goos}_${goarch}_${level ?? ""}`, target);
    }
    return [...seen.values()];
  }
  const levelList = (key: LevelKey) => (b[key]?.length ? b[key] : [defaults[key]]);
  return expandMatrix({
    goos: b.goos?.length ? b.goos : ["linux", "darwin", "windows"],
    goarch: b.goarch?.length ? b.goarch : ["amd64", "arm64", "386"],
    levels: {
      goamd64: levelList("goamd64"),
      go386: levelList("go386"),
      goarm: levelList("goarm"),
      goarm64: levelList("goarm64"),
      gomips: levelList("gomips"),
      goppc64: levelList("goppc64"),
      goriscv64: levelList("goriscv64"),
    },
    ignore: (b.ignore ?? []) as IgnoreRule[],
    valid: (goos, goarch) => goreleaserValidPairs.has(`${goos}/${goarch}`),
  });
}

export function goreleaserBuild(
  b: GoreleaserBuild,
  index: number,
  projectName: string,
  env: NodeJS.ProcessEnv,
  problem: (at: ReadonlyArray<PropertyKey>, message: string) => void,
  templates: TemplateRef[],
): ResolvedBuild {
  const at = ["builds", index];
  if (b.builder && b.builder !== "go")
    problem([...at, "builder"], `goship builds Go only; the "${b.builder}" builder is not supported`);
  const main = b.main ?? ".";
  if (main.endsWith("/..."))
    problem(
      [...at, "main"],
      `main: ${main} (every main package in one go build) is not supported yet; list one build per main package`,
    );
  const targets = goreleaserTargets(b, env);
  for (const [where, mode] of [
    [[...at, "buildmode"], b.buildmode],
    ...(b.overrides ?? []).map((o, i) => [[...at, "overrides", i, "buildmode"], o.buildmode] as const),
  ] as const) {
    if (mode === "c-shared" || mode === "c-archive")
      problem(where, `buildmode ${mode} (C libraries and headers) is not supported by goship`);
  }
  for (const [i, o] of (b.overrides ?? []).entries()) {
    if (!o.goos || !o.goarch)
      problem([...at, "overrides", i], "an override must set at least goos and goarch");
  }
  for (const [key, valid] of levelChecks) {
    for (const [i, value] of (b[key] ?? []).entries()) {
      if (!valid(value)) problem([...at, key, i], `invalid ${key}: ${value}`);
    }
  }
  // GoReleaser's own lists (targets.go): an unknown value is an error, an unsupported pair is dropped.
  for (const [key, valid] of [
    ["goos", goreleaserGoos],
    ["goarch", goreleaserGoarch],
  ] as const) {
    for (const [i, value] of (b[key] ?? []).entries()) {
      if (!valid.has(value)) problem([...at, key, i], `invalid ${key}: ${value}`);
    }
  }
  if (targets.length === 0) problem([...at, "goos"], "no targets left to build after ignore rules");
  const hooksOf = (which: "pre" | "post") =>
    (b.hooks?.[which] ?? []).map((h, i) => hookOf(h as HookInput, `builds[${index}].hooks.${which}[${i}]`));
  const resolved: ResolvedBuild = {
    id: b.id ?? projectName,
    flavor: "goreleaser",
    mains: [{ package: main, binary: b.binary ?? projectName }],
    dir: b.dir ?? ".",
    targets,
    // GoReleaser expands $VAR in build env values when it reads the config, before templating.
    env: (b.env ?? []).map((e) => expandEnv(e, env)),
    flags: b.flags ?? [],
    asmflags: b.asmflags ?? [],
    gcflags: b.gcflags ?? [],
    ldflags: b.ldflags?.length
      ? b.ldflags
      : [
          "-s -w -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}} -X main.builtBy=goreleaser",
        ],
    stamps: [],
    tags: b.tags ?? [],
    cgo: undefined,
    buildmode: b.buildmode ?? "",
    tool: b.tool ?? b.gobinary ?? "go",
    overrides: (b.overrides ?? []).map((o) => ({
      target: overrideTarget(o, env),
      env: (o.env ?? []).map((e) => expandEnv(e, env)),
      details: {
        ...(o.ldflags?.length ? { ldflags: o.ldflags } : {}),
        ...(o.tags?.length ? { tags: o.tags } : {}),
        ...(o.flags?.length ? { flags: o.flags } : {}),
        ...(o.asmflags?.length ? { asmflags: o.asmflags } : {}),
        ...(o.gcflags?.length ? { gcflags: o.gcflags } : {}),
        ...(o.buildmode ? { buildmode: o.buildmode } : {}),
      },
    })),
    modTimestamp: b.mod_timestamp ?? "",
    skip: b.skip ?? "",
    uniqueDistDir: !["true"].includes(b.no_unique_dist_dir ?? ""),
    hooks: { pre: hooksOf("pre"), post: hooksOf("post") },
  };
  const list = (key: string, values: readonly string[]) =>
    values.forEach((source, i) => {
      templates.push({ path: [...at, key, i], source, scope: "artifact" });
    });
  templates.push({ path: [...at, "binary"], source: resolved.mains[0]!.binary, scope: "artifact" });
  list("env", resolved.env);
  list("flags", resolved.flags);
  if (b.ldflags?.length) list("ldflags", resolved.ldflags);
  list("tags", resolved.tags);
  if (resolved.modTimestamp)
    templates.push({ path: [...at, "mod_timestamp"], source: resolved.modTimestamp, scope: "artifact" });
  for (const which of ["pre", "post"] as const) {
    resolved.hooks[which].forEach((h, i) => {
      templates.push({ path: [...at, "hooks", which, i], source: h.cmd[0] ?? "", scope: "artifact" });
    });
  }
  return resolved;
}

/** An override's target as GoReleaser matches it: goos_goarch_<levels>, the default level filled in. */
function overrideTarget(o: GoreleaserIgnore, env: NodeJS.ProcessEnv): string {
  const extra = [o.goamd64, o.go386, o.goarm, o.goarm64, o.gomips, o.goppc64, o.goriscv64]
    .filter(Boolean)
    .join("");
  const key = levelKeyOf(o.goarch ?? "");
  const level = extra || (key ? goreleaserDefaultLevels(env)[key] : "");
  return [o.goos ?? "", o.goarch ?? "", level].filter(Boolean).join("_");
}

const levelChecks: Array<[LevelKey, (value: string) => boolean]> = [
  ["goamd64", (v) => ["v1", "v2", "v3", "v4"].includes(v)],
  ["go386", (v) => ["sse2", "softfloat"].includes(v)],
  ["goarm", (v) => ["5", "6", "7"].includes(v)],
  ["goarm64", (v) => /(v8\.[0-9]|v9\.[0-5])((,lse|,crypto)?)+/.test(v)],
  ["gomips", (v) => ["hardfloat", "softfloat"].includes(v)],
  ["goppc64", (v) => ["power8", "power9", "power10"].includes(v)],
  ["goriscv64", (v) => ["rva20u64", "rva22u64", "rva23u64"].includes(v)],
];

interface HookInput {
  cmd: string;
  dir: string;
  env: string[];
  output: boolean;
}

/** GoReleaser splits a hook's command line into words (go-shellwords), never a shell. */
export function hookOf(h: HookInput, where: string): ResolvedHook {
  return { kind: "words", cmd: [h.cmd], dir: h.dir, env: h.env, output: h.output, where };
}

/** Go's os.ExpandEnv: $VAR and ${VAR} from the environment, unset ones empty. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(
    /\$(\{([^}]*)\}|([A-Za-z0-9_]+|[*#$@!?\-0-9]))/g,
    (_, __, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? "";
      return env[name] ?? "";
    },
  );
}
