// What every forge client shares: per-attempt timeouts that count as retryable network failures,
// and the retry schedule, so a dropped or silent connection is retried like a 5xx.
import pRetry, { AbortError } from "p-retry";

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

/** An HTTP answer that is not 2xx; `status` 0 means no answer at all. */
export class HttpFailure extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, message: string, body: unknown = undefined) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export interface JsonRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** A JSON value, or a body sent as it is (FormData, bytes). */
  readonly json?: unknown;
  readonly body?: FormData | Uint8Array;
}

/**
 * One request with retries (p-retry) on network failures, timeouts, 429 and 5xx; other statuses
 * fail at once. Bodies are rebuilt by `make` on every attempt, so a retried upload sends it whole.
 */
export async function requestJson<T>(
  settings: HttpSettings,
  make: () => JsonRequest,
): Promise<T | undefined> {
  const doFetch = fetchWithTimeout(settings);
  return pRetry(
    async () => {
      const request = make();
      let response: Response;
      try {
        response = await doFetch(request.url, {
          method: request.method,
          headers: {
            accept: "application/json",
            ...(request.json === undefined ? {} : { "content-type": "application/json" }),
            ...request.headers,
          },
          body: request.json === undefined ? request.body : JSON.stringify(request.json),
        });
      } catch (error) {
        if (settings.signal?.aborted) throw new AbortError(error as Error);
        throw new HttpFailure(
          0,
          (error as Error).cause instanceof Error
            ? ((error as Error).cause as Error).message
            : (error as Error).message,
        );
      }
      const text = await response.text();
      let data: unknown;
      try {
        data = text === "" ? undefined : JSON.parse(text);
      } catch {
        data = text;
      }
      if (response.ok) return data as T | undefined;
      const message =
        typeof data === "object" && data !== null && "message" in data
          ? String(data.message)
          : response.statusText;
      const failure = new HttpFailure(response.status, message, data);
      if (!isRetryableStatus(response.status)) throw new AbortError(failure);
      throw failure;
    },
    {
      retries: settings.retries,
      minTimeout: settings.retryBaseMs,
      factor: 2,
      randomize: false,
      ...(settings.signal ? { signal: settings.signal } : {}),
    },
  );
}
