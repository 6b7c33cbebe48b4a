// Errors of C toolchain discovery and installation; each says what to install or set.
import { ReleaseError } from "../errors.js";

export class NoCToolchainError extends ReleaseError {
  constructor(target: string, mode: string, what: string) {
    super(`no C toolchain can build ${target} with cgo ${mode}: ${what}`, { details: { target } });
  }
}

export class ZigInstallError extends ReleaseError {
  constructor(version: string, output: string) {
    super(
      `installing zig ${version} from PyPI failed; check that python3 with venv and pip is installed and PyPI is reachable, or install zig yourself and set GOSHIP_ZIG`,
      { output, details: { version } },
    );
  }
}

export class ZigBrokenError extends ReleaseError {
  constructor(path: string, output: string) {
    super("zig did not run (`zig version` failed); reinstall it or point GOSHIP_ZIG at a working zig", {
      output,
      details: { zig: path },
    });
  }
}
