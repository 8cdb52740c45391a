/** Settings of the retry loop that wraps every API call. */
export interface RetryPolicy {
  /** Attempts per call, the first included. Defaults to 4. */
  maxAttempts: number;
  /** Delay before the first retry in milliseconds; it doubles on each further retry. Defaults to 500. */
  baseDelayMs: number;
  /** Upper bound of one backoff delay, and of an honoured Retry-After, in milliseconds. Defaults to 30000. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Returns the delay before retry number `retry` (1 for the first retry): exponential backoff with
 * full jitter, so that many clients that failed together do not retry together.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Parses a Retry-After header, either delay-seconds or an HTTP date, into milliseconds from `now`.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") {
    return undefined;
  }

  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }

  // Every HTTP-date form names the month, and V8's Date.parse reads bare numbers such as "-1" or
  // "3.5.1" as dates in 2001, so a value without a letter is not a date.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
