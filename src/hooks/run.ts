// Runs configured hooks through the one spawner: argv lists as they are, command lines split into
// words without a shell, and `sh -c` only for hooks that ask for a shell.
import path from "node:path";
import type { ResolvedHook } from "../config/builds.js";
import { ReleaseError } from "../errors.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import { render, splitEnv } from "../pipeline/templates.js";
import { ExecError } from "../process/exec.js";
import type { TemplateData } from "../template/index.js";
import { ShellWordsError, splitShellWords } from "./shell-words.js";

export class HookFailedError extends ReleaseError {}

export interface HookScope {
  /** Template variables of the hook. */
  readonly data: TemplateData;
  /** The environment before the hook's own env: the caller's, the config's, the build's. */
  readonly env: Readonly<Record<string, string>>;
}

export async function runHooks(
  ctx: ReleaseContext,
  hooks: readonly ResolvedHook[],
  scope: HookScope,
): Promise<void> {
  for (const hook of hooks) await runHook(ctx, hook, scope);
}

async function runHook(ctx: ReleaseContext, hook: ResolvedHook, scope: HookScope): Promise<void> {
  const env: Record<string, string> = { ...scope.env };
  hook.env.forEach((entry, i) => {
    const [key, value] = splitEnv(render(ctx, entry, `${hook.where}.env[${i}]`, scope.data, scope.env));
    if (key) env[key] = value;
  });
  const argv = commandOf(ctx, hook, scope.data, env);
  if (argv.length === 0) {
    ctx.log.warn("skipping an empty hook", { hook: hook.where });
    return;
  }
  const moduleDir = need(ctx, "module").dir;
  const dir = hook.dir
    ? path.resolve(moduleDir, render(ctx, hook.dir, `${hook.where}.dir`, scope.data, env))
    : moduleDir;
  ctx.log.info("running hook", { hook: hook.where, cmd: argv.join(" ") });
  try {
    const result = await ctx.exec(argv[0]!, argv.slice(1), { cwd: dir, env, signal: ctx.signal });
    if (hook.output) {
      for (const line of `${result.stdout}${result.stderr}`.split("\n").filter(Boolean))
        ctx.log.info(line, { hook: hook.where });
    }
  } catch (error) {
    if (!(error instanceof ExecError)) throw error;
    throw new HookFailedError(
      `hook ${hook.where} failed (exit status ${error.status}); fix the command or the config`,
      {
        cause: error,
        details: { cmd: argv.join(" "), dir },
        output: error.output,
      },
    );
  }
}

function commandOf(
  ctx: ReleaseContext,
  hook: ResolvedHook,
  data: TemplateData,
  env: Readonly<Record<string, string>>,
): string[] {
  if (hook.kind === "argv")
    return hook.cmd.map((part, i) => render(ctx, part, `${hook.where}[${i}]`, data, env));
  const line = render(ctx, hook.cmd[0] ?? "", hook.where, data, env);
  if (hook.kind === "shell") return ["sh", "-c", line];
  try {
    return splitShellWords(line);
  } catch (error) {
    if (!(error instanceof ShellWordsError)) throw error;
    throw new HookFailedError(
      `hook ${hook.where}: cannot split ${JSON.stringify(line)} into words (unclosed quote or a bare "("); quote it, or use an argv list or shell: true`,
    );
  }
}
