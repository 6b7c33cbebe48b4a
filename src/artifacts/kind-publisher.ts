// What `goship publish` hands a kind's publisher: the released dist, the artifacts of that kind it
// lists, and the services of publishing. A format declares its publisher on its kind, so the
// publish step never learns a channel's name (see `KindTraits.publisher`).
import type { Logger } from "../log/logger.js";
import type { Exec } from "../process/exec.js";
import type { ArtifactRecord } from "./kinds.js";

export interface PublishEnvironment {
  /** The released dist directory; artifact paths are relative to it. */
  readonly distDir: string;
  /** The release tag (`v1.2.3`) and the commit it names. */
  readonly tag: string;
  readonly commit: string;
  /** The commit's time, unix seconds: what publishers stamp on commits they make, so re-runs match. */
  readonly commitTime: number;
  /** Where the module is (npm reads its project .npmrc there). */
  readonly moduleDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly exec: Exec;
  /** Masks every secret it knows, including those added with `addSecret`. */
  readonly log: Logger;
  /** Print what would be sent; send nothing. */
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  /** Renders a config template with the release's fields; `key` names it in errors. */
  render(source: string, key: string): string;
  /** A value (a token, a key) that must never reach a log line or an error. */
  addSecret(value: string | undefined): void;
}

export interface KindPublisher {
  /** Present-tense phrase for logs: "publishing npm packages". */
  readonly name: string;
  /** Refuses bad settings before anything is published anywhere (the forge release included). */
  check?(artifacts: readonly ArtifactRecord[], env: PublishEnvironment): Promise<void>;
  /**
   * Sends the artifacts of its kind. Idempotent: a re-run after a failure finishes the job, a
   * re-run after success changes nothing.
   */
  publish(artifacts: readonly ArtifactRecord[], env: PublishEnvironment): Promise<void>;
}
