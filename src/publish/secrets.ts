// Tokens never reach a log line, an error or a file: every string goship prints while publishing
// passes through a mask of the secrets it knows.
import { ReleaseError } from "../errors.js";
import type { Fields, Logger } from "../log/logger.js";

const mask = "***";

export class Secrets {
  readonly #values = new Set<string>();

  add(value: string | undefined): void {
    // Very short values would mask ordinary words; no real token is that short.
    if (value !== undefined && value.trim().length >= 4) this.#values.add(value.trim());
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.#values) out = out.split(secret).join(mask);
    return out;
  }

  scrubFields(fields: Fields | undefined): Fields | undefined {
    if (fields === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? this.scrub(v) : v]),
    );
  }

  logger(log: Logger): Logger {
    const debug = log.debug;
    return {
      info: (m, f) => log.info(this.scrub(m), this.scrubFields(f)),
      warn: (m, f) => log.warn(this.scrub(m), this.scrubFields(f)),
      error: (m, f) => log.error(this.scrub(m), this.scrubFields(f)),
      debug: debug ? (m, f) => debug(this.scrub(m), this.scrubFields(f)) : undefined,
      child: (f) => this.logger(log.child(this.scrubFields(f) ?? {})),
    };
  }

  /** The error with every secret masked; anything that is not a ReleaseError becomes one. */
  error(error: unknown): unknown {
    if (error instanceof ReleaseError) {
      const scrubbed = new ReleaseError(this.scrub(error.message), {
        details: this.scrubFields(error.details) as Record<string, string>,
        output: error.output === undefined ? undefined : this.scrub(error.output),
        exitCode: error.exitCode,
      });
      Object.defineProperty(scrubbed, "name", { value: error.name });
      return scrubbed;
    }
    if (error instanceof Error && error.name === "AbortError") return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ReleaseError(
      `publishing failed: ${this.scrub(message)}; a re-run resumes where this one stopped`,
    );
  }
}
