import { describe, expect, it } from "vitest";
import { createExec } from "../process/exec.js";
import { rebuildArgv } from "./rebuild.js";

describe("rebuildArgv", () => {
  it("runs goship's own CLI through sh with the rebuild's umask and the release's targets", () => {
    const [command, args] = rebuildArgv(
      {
        exec: createExec(),
        moduleDir: "/w/src/sub",
        distDir: "/w/dist",
        env: {},
        umask: "077",
        targets: ["linux/amd64", "linux/arm/7"],
        snapshot: true,
        parallelism: 2,
      },
      "/pkg/dist/cli/main.js",
    );
    expect(command).toBe("sh");
    expect(args).toEqual([
      "-c",
      'umask 077 && exec "$0" "$@"',
      process.execPath,
      "/pkg/dist/cli/main.js",
      "release",
      "--dir",
      "/w/src/sub",
      "--dist",
      "/w/dist",
      "--targets",
      "linux/amd64,linux/arm/7",
      "--parallelism",
      "2",
      "--snapshot",
      "--json",
    ]);
  });

  it("leaves the targets to the config unless the release was given some", () => {
    const [, args] = rebuildArgv(
      {
        exec: createExec(),
        moduleDir: "m",
        distDir: "d",
        env: {},
        umask: "022",
        targets: undefined,
        singleTarget: true,
        snapshot: false,
        parallelism: undefined,
      },
      "cli",
    );
    expect(args.slice(4)).toEqual(["release", "--dir", "m", "--dist", "d", "--single-target", "--json"]);
  });

  it("refuses a umask that is not octal, since it goes into a shell command", () => {
    expect(() =>
      rebuildArgv(
        {
          exec: createExec(),
          moduleDir: "m",
          distDir: "d",
          env: {},
          umask: "0; rm",
          targets: [],
          snapshot: false,
          parallelism: undefined,
        },
        "cli",
      ),
    ).toThrow(/invalid umask/);
  });
});
