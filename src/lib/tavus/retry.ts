import { AbortedError, ConnectionError, RateLimitError, ServerError, TimeoutError, type TavusError } from './errors.ts';

/*
 * Retry policy
 * ------------
 * - Only idempotent calls are retried: every GET, and `conversations.end` (ending an ended
 *   conversation changes nothing). A POST that creates something is never repeated, because a
 *   lost answer may hide a conversation that already exists and is already billing.
 * - Only transient failures: the network failed, the attempt timed out, Tavus said 429, or Tavus
 *   answered 5xx. Every other error is final.
 * - Waits grow exponentially from 300 ms, capped at 5 s, with jitter (each wait is 50 to 100 % of
 *   the step) so many tabs do not retry in lockstep.
 * - A 429 or 503 with Retry-After waits at least that long; a Retry-After over 60 s is not waited
 *   for here: the error goes to the caller, which can tell the person when to come back.
 * - Never after the caller aborts: an abort during a wait ends the call at once.
 * - At most `maxRetries` extra attempts (2 by default), so three attempts in all.
 */
export const RETRY_BASE_MS = 300;
export const RETRY_CAP_MS = 5_000;
export const MAX_RETRY_AFTER_MS = 60_000;

export function isRetryable(error: unknown): error is TavusError {
  return (
    error instanceof ConnectionError || error instanceof TimeoutError || error instanceof RateLimitError || error instanceof ServerError
  );
}

/** The wait before retry number `retry` (0 for the first retry), or undefined for "do not retry". */
export function retryDelayMs(retry: number, error: TavusError, random: () => number = Math.random): number | undefined {
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** retry);
  const jittered = Math.round(step * (0.5 + random() * 0.5));
  const retryAfter = error instanceof RateLimitError ? error.retryAfterMs : undefined;
  if (retryAfter === undefined) return jittered;
  if (retryAfter > MAX_RETRY_AFTER_MS) return undefined;
  return Math.max(retryAfter, jittered);
}

export interface RetryOptions {
  idempotent: boolean;
  maxRetries: number;
  path: string;
  signal?: AbortSignal;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sleepUnlessAborted(opts: RetryOptions, ms: number): Promise<void> {
  const { signal } = opts;
  if (!signal) return opts.sleep(ms);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError({ path: opts.path }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    opts.sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Runs `attempt` once, then again under the policy above. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!opts.idempotent || !isRetryable(error) || n >= opts.maxRetries) throw error;
      if (opts.signal?.aborted) throw new AbortedError({ path: opts.path });
      const wait = retryDelayMs(n, error, opts.random);
      if (wait === undefined) throw error;
      await sleepUnlessAborted(opts, wait);
    }
  }
}
