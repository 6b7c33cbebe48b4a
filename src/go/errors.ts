// Errors of the Go toolchain adapter; each says what the user can do about it.
import { ReleaseError } from "../errors.js";

export const minimumGo = { major: 1, minor: 21 } as const;

export class GoMissingError extends ReleaseError {
  constructor() {
    super(
      "the `go` command was not found on PATH; install Go 1.21 or newer (https://go.dev/dl/) and try again",
    );
  }
}

export class GoTooOldError extends ReleaseError {
  constructor(version: string) {
    super(`${version} is too old: goship needs Go 1.21 or newer; install a newer Go or set GOTOOLCHAIN`, {
      details: { found: version },
    });
  }
}

export class NotAGoModuleError extends ReleaseError {
  constructor(dir: string) {
    super(
      "not a Go module: no go.mod here or in any parent; run goship in a module root or pass --dir <module>",
      {
        details: { dir },
      },
    );
  }
}

export class NoMainPackageError extends ReleaseError {
  constructor(module: string) {
    super("the module has no main package to build; add a `package main` (e.g. cmd/<name>/main.go)", {
      details: { module },
    });
  }
}

export class ModuleNeedsTidyError extends ReleaseError {
  constructor(output: string) {
    super(
      "go.mod/go.sum need updating and release builds never change them (-mod=readonly); run `go mod tidy`, commit, and try again",
      {
        output,
      },
    );
  }
}

export class CompileError extends ReleaseError {
  constructor(target: string, packagePath: string, output: string) {
    super("go build failed; fix the errors below and try again", {
      details: { target, package: packagePath },
      output,
    });
  }
}

export class TargetError extends ReleaseError {}

export class DuplicateBinaryError extends ReleaseError {
  constructor(name: string, packages: readonly string[]) {
    super(`two main packages would make the same binary "${name}"; rename one of the directories`, {
      details: { packages: packages.join(", ") },
    });
  }
}

export class UnknownMainError extends ReleaseError {
  constructor(name: string, mains: readonly string[]) {
    super(`"${name}" is not a main package of the module; choose among: ${mains.join(", ")}`, {
      details: { main: name },
    });
  }
}

/** Messages cmd/go prints when -mod=readonly or vendoring refuses to change go.mod/go.sum. */
const tidyPatterns = [
  /updates to go\.(mod|sum) needed/,
  /missing go\.sum entry/,
  /go\.mod file indicates .* but go\.sum/,
  /inconsistent vendoring/,
  /no required module provides package/,
  /go: go\.mod requires/,
];

export function needsTidy(stderr: string): boolean {
  return tidyPatterns.some((pattern) => pattern.test(stderr));
}
