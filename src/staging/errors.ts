// Errors about the output directory.
import { ReleaseError, UsageError } from "../errors.js";

export class DistNotEmptyError extends ReleaseError {
  constructor(distDir: string) {
    super("the dist directory is not empty; pass --clean to replace it, or choose another --dist", {
      details: { dist: distDir },
    });
  }
}

export class DistNotWritableError extends ReleaseError {
  constructor(distDir: string, cause: NodeJS.ErrnoException) {
    // ENOTDIR/EEXIST: dist (or a folder on its way) is a file; no permission would help.
    const isFile = cause.code === "ENOTDIR" || cause.code === "EEXIST";
    super(
      isFile
        ? "dist is a file, not a directory (or lies under a file); choose another --dist"
        : `cannot write to the dist directory (${cause.code ?? cause.message}); choose another --dist or fix its permissions`,
      {
        details: { dist: distDir },
        cause,
      },
    );
  }
}

export class UnsafeDistError extends UsageError {
  constructor(distDir: string, what: string) {
    super(`refusing to use ${what} as dist: goship may delete its contents; choose a dedicated --dist`, {
      details: { dist: distDir },
    });
  }
}
