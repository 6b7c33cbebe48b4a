// What every forge client shares: per-attempt timeouts that count as retryable network failures,
// and the retry schedule, so a dropped or silent connection is retried like a 5xx.

export interface HttpSettings {
  /** Attempts after the first, for network failures, 5xx and rate limits. @default 4 */
  readonly retries: number;
  /** The first backoff; later ones grow quadratically. @default 1000 */
  readonly retryBaseMs: number;
  /** A request that gets no answer for this long is abandoned and retried. @default 120000 */
  readonly timeoutMs: number;
  /** Cancels everything (Ctrl-C). */
  readonly signal?: AbortSignal;
}

export const defaultHttpSettings: HttpSettings = { retries: 4, retryBaseMs: 1000, timeoutMs: 120_000 };

/** A network failure (no HTTP answer): retried, then reported with this message. */
export class NetworkFailure extends Error {}

/** fetch with a timeout per attempt; a timeout becomes a NetworkFailure, a cancel stays an abort. */
export function fetchWithTimeout(settings: HttpSettings): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signals = [timeout, init?.signal, settings.signal].filter((s): s is AbortSignal => s != null);
    try {
      return await fetch(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (timeout.aborted && !settings.signal?.aborted)
        throw new NetworkFailure(`no answer within ${Math.round(settings.timeoutMs / 1000)} s`);
      throw error;
    }
  };
}

/** Whether an HTTP status is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}
