#!/usr/bin/env node
// The CLI entry and goship's only error boundary: errors become one message and an exit code.
import { CancelledError, ExitCode, isReleaseError, type ReleaseError, UsageError } from "../errors.js";
import { goshipVersion } from "../version.js";
import { helpText } from "./help.js";

type CommandRunner = (args: readonly string[], signal: AbortSignal) => Promise<void>;

// Commands load lazily so that `goship --version` stays instant.
const commands: Record<string, () => Promise<CommandRunner>> = {
  release: async () => (args, signal) =>
    import("./commands/release.js").then((m) => m.runReleaseCommand("release", args, signal)),
  publish: async () => (args, signal) =>
    import("./commands/publish.js").then((m) => m.runPublish(args, signal)),
  inspect: async () => (args) => import("./commands/inspect.js").then((m) => m.runInspect(args)),
  verify: async () => (args, signal) => import("./commands/verify.js").then((m) => m.runVerify(args, signal)),
  rebuild: async () => (args, signal) =>
    import("./commands/rebuild.js").then((m) => m.runRebuildCommand(args, signal)),
  build: async () => (args, signal) =>
    import("./commands/release.js").then((m) => m.runReleaseCommand("build", args, signal)),
  check: async () => (args, signal) => import("./commands/check.js").then((m) => m.runCheck(args, signal)),
  init: async () => (args, signal) => import("./commands/init.js").then((m) => m.runInit(args, signal)),
  schema: async () => (args) => import("./commands/schema.js").then((m) => m.runSchema(args)),
  ci: async () => (args) => import("./commands/ci.js").then((m) => m.runCi(args)),
  merge: async () => (args, signal) => import("./commands/merge.js").then((m) => m.runMerge(args, signal)),
};

export async function main(argv: readonly string[], exit: (code: number) => void): Promise<void> {
  // `goship inspect … | head -1`: the reader has gone, and that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // The first Ctrl-C stops children and cleans up. Later ones never cut the cleanup short:
    // leaving now would leave staged files behind that look like a release.
    if (++interrupts > 1) {
      process.stderr.write("goship: stopping — removing staged files, one moment\n");
      return;
    }
    controller.abort(new CancelledError(signal));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const [command, ...args] = argv;
    if (command === "--version" || command === "-v" || command === "version") {
      process.stdout.write(`goship ${goshipVersion}\n`);
    } else if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(helpText);
    } else {
      const load = commands[command];
      if (!load) throw new UsageError(`unknown command "${command}"; run \`goship --help\` for the list`);
      await (await load())(args, controller.signal);
    }
    exit(0);
  } catch (error) {
    exit(report(error));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function report(error: unknown): number {
  if (isReleaseError(error)) {
    process.stderr.write(formatError(error));
    return error.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `goship: internal error — this is a bug in goship, please report it with the output below\n${stack}\n`,
  );
  return ExitCode.failure;
}

export function formatError(error: ReleaseError): string {
  const color = process.stderr.isTTY === true && !process.env.NO_COLOR;
  const head = `${error.step ? `${error.step}: ` : ""}${error.message}`;
  const lines = [`${color ? "\x1b[31m⨯\x1b[0m" : "⨯"} ${head}`];
  for (const [key, value] of Object.entries(error.details)) lines.push(`    ${key}: ${value}`);
  if (error.output) lines.push(...error.output.split("\n").map((line) => `    ${line}`));
  return `${lines.join("\n")}\n`;
}

void main(process.argv.slice(2), (code) => {
  process.exitCode = code;
});
