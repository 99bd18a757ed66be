import { retryDelayMs, shouldRetry } from '../retry-policy';
import type { RetryMode } from '../upstream';
import type { Delivery, FailureClass } from '../upstream-failure';
import { failure } from './support/fakes';

const TRANSIENT: FailureClass[] = ['rate_limited', 'upstream_queue_full', 'overloaded', 'server_error', 'network', 'timeout', 'invalid_response'];
const PERMANENT: FailureClass[] = ['spend_cap', 'auth', 'forbidden', 'not_found', 'bad_request', 'aborted'];
const MODES: RetryMode[] = ['idempotent', 'resend-safe', 'if-undelivered'];

describe('shouldRetry', () => {
  it.each(MODES)('never retries a permanent failure (%s)', (mode) => {
    for (const cls of PERMANENT) expect(shouldRetry(mode, failure(cls, { delivery: 'no' }))).toBe(false);
  });

  it.each(['idempotent', 'resend-safe'] as RetryMode[])('%s retries every transient failure, delivered or not', (mode) => {
    for (const cls of TRANSIENT) {
      for (const delivery of ['no', 'maybe', 'yes'] as Delivery[]) expect(shouldRetry(mode, failure(cls, { delivery }))).toBe(true);
    }
  });

  it('if-undelivered retries a transient failure only when the upstream provably did not act', () => {
    for (const cls of TRANSIENT) {
      expect(shouldRetry('if-undelivered', failure(cls, { delivery: 'no' }))).toBe(true);
      expect(shouldRetry('if-undelivered', failure(cls, { delivery: 'maybe' }))).toBe(false);
      expect(shouldRetry('if-undelivered', failure(cls, { delivery: 'yes' }))).toBe(false);
    }
  });
});

describe('retryDelayMs', () => {
  const settings = (r: number) => ({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => r });

  it('draws uniformly below base × 2^(n-1) (full jitter)', () => {
    expect(retryDelayMs(1, failure('server_error'), settings(0))).toBe(0);
    expect(retryDelayMs(1, failure('server_error'), settings(0.5))).toBe(50);
    expect(retryDelayMs(3, failure('server_error'), settings(0.5))).toBe(200);
  });

  it('never exceeds the maximum delay', () => {
    expect(retryDelayMs(10, failure('server_error'), settings(0.999))).toBeLessThanOrEqual(1_000);
  });

  it('waits at least what retry-after asked, even above the maximum', () => {
    expect(retryDelayMs(1, failure('rate_limited', { retryAfterMs: 5_000 }), settings(0.1))).toBe(5_000);
  });
});
