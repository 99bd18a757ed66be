import type { RetryMode } from './upstream';
import type { UpstreamFailure } from './upstream-failure';

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  /** [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/**
 * Whether a failed attempt may be repeated. Only transient failures qualify (spend cap, auth, forbidden,
 * not found, bad request and aborted never do). A write that is neither idempotent nor resend-safe is
 * repeated only when the upstream provably did not act on it: a duplicate export is worse than a failed one.
 */
export function shouldRetry(mode: RetryMode, failure: UpstreamFailure): boolean {
  if (!failure.transient) return false;
  return mode !== 'if-undelivered' || failure.delivery === 'no';
}

/**
 * Delay before the attempt after `failedAttempt` (1-based): exponential backoff with full jitter, so that
 * callers that failed together do not come back together; never shorter than the upstream's `retry-after`.
 */
export function retryDelayMs(failedAttempt: number, failure: UpstreamFailure, settings: BackoffSettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.max(Math.round(settings.random() * ceiling), failure.retryAfterMs ?? 0);
}
