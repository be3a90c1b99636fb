// Retry timing for model servers: exponential backoff with jitter, honouring Retry-After.
// Written by hand: the retry libraries do not read Retry-After from fetch responses, and the
// jitter must come from the project's seeded Rng so tests are reproducible.
import { Rng } from '../ml/random.ts';

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** HTTP statuses worth retrying: rate limited, timeouts and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds the server asked us to wait, from `Retry-After` (seconds or an HTTP date)
 * or OpenAI's `retry-after-ms`; undefined when absent or unparseable.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * "Equal jitter" backoff: half the exponential delay fixed, half random, so clients that failed
 * together spread out while every wait still grows with the attempt number.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, rng: Rng): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return exp / 2 + rng.next() * (exp / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
