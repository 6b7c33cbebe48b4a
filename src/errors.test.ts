import { describe, expect, it } from "vitest";
import { ExitCode, ReleaseError, UsageError } from "./errors.js";

describe("ReleaseError", () => {
  it("carries details, output and an exit code", () => {
    const error = new ReleaseError("no main package", { details: { module: "x" }, output: "o" });
    expect(error.exitCode).toBe(ExitCode.failure);
    expect(error.details).toEqual({ module: "x" });
    expect(error.output).toBe("o");
    expect(error.name).toBe("ReleaseError");
  });

  it("gives usage errors their own exit code", () => {
    expect(new UsageError("bad flag").exitCode).toBe(ExitCode.usage);
  });
});
