// Evaluates a parsed Dockerfile for one platform: the base, one layer per COPY/ADD, the run settings.
import { posix } from "node:path";
import { expandVariables, type Instruction, jsonForm, keyValues, splitWords } from "./dockerfile.js";
import { DockerfileError } from "./errors.js";
import type { RunSettings } from "./image.js";
import type { ImageFile } from "./layer.js";
import type { Platform } from "./media-types.js";

/** The build context: files by posix path relative to its root. */
export type BuildContext = ReadonlyMap<string, { readonly data: Uint8Array; readonly mode: number }>;

export interface DockerfilePlan {
  /** The FROM image as written after expansion (`scratch`, `gcr.io/distroless/static`). */
  readonly base: string;
  readonly layers: ReadonlyArray<{ readonly files: readonly ImageFile[]; readonly createdBy: string }>;
  readonly settings: RunSettings;
}

export interface PlanInput {
  readonly instructions: readonly Instruction[];
  readonly context: BuildContext;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly platform: Platform;
  readonly file: string;
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz|tar\.zst)$/i;

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

/** Files a COPY source names, with the path each gets under a directory destination. */
function resolveSource(
  source: string,
  context: BuildContext,
): Array<{ from: string; rel: string }> | undefined {
  const clean = posix.normalize(source.replace(/^\/+/, "")).replace(/\/+$/, "");
  if (clean.startsWith("..")) return undefined;
  const all = [...context.keys()].sort();
  const underDir = (dir: string) =>
    all
      .filter((f) => dir === "." || f.startsWith(`${dir}/`))
      .map((f) => ({ from: f, rel: dir === "." ? f : f.slice(dir.length + 1) }));
  if (/[*?]/.test(clean)) {
    const re = globRegExp(clean);
    const hits: Array<{ from: string; rel: string }> = [];
    const dirs = new Set(
      all.flatMap((f) =>
        f
          .split("/")
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
      ),
    );
    for (const f of all) if (re.test(f)) hits.push({ from: f, rel: posix.basename(f) });
    for (const d of [...dirs].sort()) if (re.test(d)) hits.push(...underDir(d));
    return hits.length > 0 ? hits : undefined;
  }
  if (context.has(clean)) return [{ from: clean, rel: posix.basename(clean) }];
  const inside = underDir(clean);
  return inside.length > 0 ? inside : undefined;
}

export function planDockerfile(input: PlanInput): DockerfilePlan {
  const { platform } = input;
  const vars = new Map<string, string>([
    ["TARGETPLATFORM", [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/")],
    ["TARGETOS", platform.os],
    ["TARGETARCH", platform.architecture],
    ["TARGETVARIANT", platform.variant ?? ""],
  ]);
  const fail = (instruction: Instruction, message: string): never => {
    throw new DockerfileError(
      `${instruction.keyword} at line ${instruction.line}: ${message}`,
      input.file,
      instruction.line,
    );
  };
  let base: string | undefined;
  let workdir = "/";
  const env: string[] = [];
  const labels: Record<string, string> = {};
  const ports: string[] = [];
  const layers: Array<{ files: ImageFile[]; createdBy: string }> = [];
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  let user: string | undefined;
  let workingDir: string | undefined;
  const expand = (text: string) => expandVariables(text, vars);
  const command = (args: string) => jsonForm(args) ?? ["/bin/sh", "-c", args];

  for (const ins of input.instructions) {
    if (ins.keyword !== "FROM" && ins.keyword !== "ARG" && base === undefined)
      fail(ins, "the Dockerfile must start with FROM");
    switch (ins.keyword) {
      case "FROM": {
        if (base !== undefined)
          fail(ins, "multi-stage builds need a real container builder (docker buildx); use one FROM");
        const words = splitWords(ins.args).filter((w) => !w.startsWith("--platform="));
        if (words.some((w) => w.startsWith("--")))
          fail(ins, `unsupported flag ${words.find((w) => w.startsWith("--"))}`);
        if (words.length !== 1 && !(words.length === 3 && words[1]?.toUpperCase() === "AS"))
          fail(ins, "write FROM <image> [AS <name>]");
        base = expand(words[0] ?? "");
        break;
      }
      case "ARG":
        for (const [name, value] of keyValues(ins.args.includes("=") ? ins.args : `${ins.args}=`)) {
          const given = input.buildArgs[name];
          vars.set(name, given ?? (ins.args.includes("=") ? expand(value) : (vars.get(name) ?? "")));
        }
        break;
      case "ENV":
        for (const [name, value] of keyValues(ins.args)) {
          const expanded = expand(value);
          vars.set(name, expanded);
          env.push(`${name}=${expanded}`);
        }
        break;
      case "LABEL":
        for (const [name, value] of keyValues(ins.args)) labels[expand(name)] = expand(value);
        break;
      case "USER":
        user = expand(ins.args);
        break;
      case "WORKDIR":
        workdir = posix.resolve(workdir, expand(ins.args));
        workingDir = workdir;
        break;
      case "EXPOSE":
        ports.push(...splitWords(expand(ins.args)));
        break;
      case "ENTRYPOINT":
        entrypoint = command(ins.args);
        cmd = undefined;
        break;
      case "CMD":
        cmd = command(ins.args);
        break;
      case "COPY":
      case "ADD":
        layers.push(copyLayer(ins, input.context, expand, workdir, fail));
        break;
    }
  }
  if (base === undefined) throw new DockerfileError("the Dockerfile has no FROM instruction", input.file, 1);
  return {
    base,
    layers,
    settings: {
      entrypoint,
      cmd,
      env: env.length > 0 ? env : undefined,
      user,
      workingDir,
      labels: Object.keys(labels).length > 0 ? labels : undefined,
      exposedPorts: ports.length > 0 ? ports : undefined,
    },
  };
}

function copyLayer(
  ins: Instruction,
  context: BuildContext,
  expand: (text: string) => string,
  workdir: string,
  fail: (ins: Instruction, message: string) => never,
): { files: ImageFile[]; createdBy: string } {
  const words =
    jsonForm(ins.args.replace(/^(--\S+\s+)*/, "")) ?? splitWords(ins.args).filter((w) => !w.startsWith("--"));
  let chmod: number | undefined;
  for (const flag of splitWords(ins.args).filter((w) => w.startsWith("--"))) {
    const [name, value = ""] = flag.split("=", 2) as [string, string | undefined];
    if (name === "--chmod" && /^[0-7]{3,4}$/.test(value)) chmod = Number.parseInt(value, 8);
    else if (name === "--chown" && /^(0|root)(:(0|root))?$/.test(value)) continue;
    else if (name === "--link") continue;
    else if (name === "--from")
      fail(ins, "--from copies from another stage or image; that needs a real container builder");
    else
      fail(
        ins,
        `${flag} is not supported without a daemon (files are owned by root; --chmod takes octal modes)`,
      );
  }
  const expanded = words.map(expand);
  if (expanded.length < 2) fail(ins, "write COPY <source>... <destination>");
  const dest = expanded[expanded.length - 1] as string;
  const sources = expanded.slice(0, -1);
  const absDest = posix.resolve(workdir, dest);
  const files: ImageFile[] = [];
  for (const source of sources) {
    if (/^(https?|git):\/\/|^git@/.test(source))
      fail(ins, `${source} is remote; download it in a release hook and COPY the file`);
    if (ins.keyword === "ADD" && ARCHIVE.test(source)) {
      fail(
        ins,
        `ADD would unpack ${source}, which needs a real container builder; COPY it to keep it as a file`,
      );
    }
    const hits = resolveSource(source, context);
    if (!hits) {
      const have = [...context.keys()].sort().join(", ") || "nothing";
      fail(ins, `${source} is not in the build context (it holds ${have})`);
    }
    const intoDir =
      dest.endsWith("/") ||
      sources.length > 1 ||
      (hits?.length ?? 0) > 1 ||
      /[*?]/.test(source) ||
      !context.has(posix.normalize(source.replace(/^\/+/, "")));
    for (const hit of hits ?? []) {
      const entry = context.get(hit.from);
      if (!entry) continue;
      files.push({
        path: intoDir ? posix.join(absDest, hit.rel) : absDest,
        mode: chmod ?? entry.mode,
        data: entry.data,
      });
    }
  }
  return { files, createdBy: `${ins.keyword} ${ins.args}` };
}
