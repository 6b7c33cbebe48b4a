import { describe, expect, it } from "vitest";
import type { ResolvedHook } from "../config/builds.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { createRecordingLogger } from "../log/logger.js";
import { createContext, type ReleaseContext } from "../pipeline/context.js";
import { releaseFields, render } from "../pipeline/templates.js";
import type { Exec } from "../process/exec.js";
import { runHooks } from "./run.js";

interface Call {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv | undefined;
}

function testContext(calls: Call[] = []): ReleaseContext {
  const exec: Exec = async (command, args, options) => {
    calls.push({ command, args, cwd: options.cwd, env: options.env });
    return { stdout: "", stderr: "", exitCode: 0 };
  };
  const ctx = createContext("release", {
    dir: "/src/tool",
    exec,
    logger: createRecordingLogger(),
    env: { HOME: "/home/u" },
  });
  ctx.module = {
    path: "example.com/tool",
    dir: "/src/tool",
    goLine: "1.22",
    modMode: "readonly",
    mains: [],
    allMains: [],
    leftOut: [],
    packages: new Map(),
  };
  ctx.config = { projectName: "tool", flavor: "goship", env: ["REGION=eu"] } as unknown as ResolvedConfig;
  ctx.release = {
    project: "tool",
    version: "v1.2.3",
    commit: "abc",
    time: 1709294400,
    date: "2024-03-01T12:00:00Z",
    snapshot: false,
    dirty: false,
    buildvcs: true,
    tag: "v1.2.3",
    baseVersion: "v1.2.3",
    shortCommit: "abc",
    summary: "v1.2.3",
    commitTime: 1709294400,
  };
  return ctx;
}

const hook = (
  kind: ResolvedHook["kind"],
  cmd: string[],
  extra: Partial<ResolvedHook> = {},
): ResolvedHook => ({
  kind,
  cmd,
  dir: "",
  env: [],
  output: false,
  where: "before.hooks[0]",
  ...extra,
});

describe("hooks", () => {
  it("runs argv lists as they are, command lines split into words, and sh -c only when asked", async () => {
    const calls: Call[] = [];
    const ctx = testContext(calls);
    const scope = { data: releaseFields(ctx), env: { PATH: "/bin" } };
    await runHooks(
      ctx,
      [
        hook("argv", ["echo", "{{ .Version }} with $HOME"]),
        hook("words", ['go build -ldflags "-s -w" ./...']),
        hook("shell", ["echo {{ .ProjectName }} > out.txt"], { dir: "docs", env: ["A={{ .Tag }}"] }),
      ],
      scope,
    );
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      ["echo", "v1.2.3 with $HOME"],
      ["go", "build", "-ldflags", "-s -w", "./..."],
      ["sh", "-c", "echo tool > out.txt"],
    ]);
    expect(calls[2]?.cwd).toBe("/src/tool/docs");
    expect(calls[2]?.env).toEqual({ PATH: "/bin", A: "v1.2.3" });
  });

  it("warns once when a template reads the wall clock", () => {
    const ctx = testContext();
    const logger = ctx.log as ReturnType<typeof createRecordingLogger>;
    const fields = releaseFields(ctx);
    render(ctx, "{{ .Version }}-{{ .Date }}", "builds[0].ldflags[0]", fields);
    render(ctx, "{{ .Version }}-{{ .Date }}", "builds[0].ldflags[0]", fields);
    expect(render(ctx, "{{ .Env.REGION }}-{{ .CommitDate }}", "archives[0].name_template", fields)).toBe(
      "eu-2024-03-01T12:00:00Z",
    );
    const warnings = logger.records.filter((r) => r.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toEqual({ template: "builds[0].ldflags[0]", uses: ".Date" });
  });
});
