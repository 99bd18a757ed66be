import { z } from 'zod';
import { int, integer, refuser } from '../variable-kinds';

const variables = z.object({
  UPSTREAM_QUEUE_MAX: int(100).describe('calls waiting per upstream; beyond that a call fails with UPSTREAM_BUSY'),
  UPSTREAM_QUEUE_MAX_WAIT_MS: int(30_000, 1).describe('the longest a call waits in the queue'),
  UPSTREAM_MAX_ATTEMPTS: int(4, 1).describe('first try plus retries of transient failures'),
  UPSTREAM_QUOTA_WINDOW_MS: int(60_000, 100).describe(
    'the window the *_PER_MINUTE budgets refill over; shorten it only for tests and benchmarks',
  ),
  RETRY_BASE_DELAY_MS: int(500).describe('first backoff of the exponential backoff with full jitter'),
  RETRY_MAX_DELAY_MS: int(8_000).describe('the longest backoff; at least RETRY_BASE_DELAY_MS'),
  UPSTREAM_MAX_RETRY_AFTER_MS: int(60_000, 1).describe(
    "the longest upstream retry-after honoured: the quotas we know refill per minute, so a longer hint pauses the gate only this long and the call fails at once with UPSTREAM_RATE_LIMITED and the upstream's hint",
  ),
  UPSTREAM_LEASE_TTL_MS: int(6_000, 100).describe(
    'a gate lease (a concurrency slot, shared through Redis) lives this long past its last renewal; its holder renews it every third of that while its request is in flight, so a crashed holder frees its slot within this time',
  ),
  CIRCUIT_FAILURE_THRESHOLD: integer(1)
    .max(100, 'a percentage')
    .default(50)
    .describe('percentage of failing calls in the window that opens the circuit'),
  CIRCUIT_MIN_CALLS: int(10, 1).describe('calls in the window before the circuit may open'),
  CIRCUIT_WINDOW_MS: int(30_000, 100).describe('the window failures are counted over'),
  CIRCUIT_OPEN_MS: int(15_000, 1).describe('how long an open circuit fails fast before a probe'),
  DEADLINE_READ_MS: int(10_000, 1).describe('time budget of a read'),
  DEADLINE_GENERATE_MS: int(60_000, 1).describe('time budget of a generation'),
  DEADLINE_EXPORT_MS: int(15_000, 1).describe('time budget of an export, plus DEADLINE_EXPORT_PER_BATCH_MS per batch'),
  DEADLINE_EXPORT_PER_BATCH_MS: int(20_000, 1).describe('what each batch adds to an export time budget'),
});

export const resilience = variables
  .superRefine((env, ctx) => {
    if (env.RETRY_MAX_DELAY_MS < env.RETRY_BASE_DELAY_MS) {
      refuser(ctx)('RETRY_MAX_DELAY_MS', 'must be at least RETRY_BASE_DELAY_MS');
    }
  })
  .transform((env) => ({
    resilience: {
      /** The window the *_PER_MINUTE budgets refill over: a minute, shorter only in tests and benchmarks. */
      quotaWindowMs: env.UPSTREAM_QUOTA_WINDOW_MS,
      queueMax: env.UPSTREAM_QUEUE_MAX,
      queueMaxWaitMs: env.UPSTREAM_QUEUE_MAX_WAIT_MS,
      maxAttempts: env.UPSTREAM_MAX_ATTEMPTS,
      retryBaseDelayMs: env.RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: env.RETRY_MAX_DELAY_MS,
      maxRetryAfterMs: env.UPSTREAM_MAX_RETRY_AFTER_MS,
      leaseTtlMs: env.UPSTREAM_LEASE_TTL_MS,
      circuit: {
        failureThresholdPercent: env.CIRCUIT_FAILURE_THRESHOLD,
        minimumCalls: env.CIRCUIT_MIN_CALLS,
        windowMs: env.CIRCUIT_WINDOW_MS,
        openMs: env.CIRCUIT_OPEN_MS,
      },
      deadlines: {
        readMs: env.DEADLINE_READ_MS,
        generateMs: env.DEADLINE_GENERATE_MS,
        exportMs: env.DEADLINE_EXPORT_MS,
        exportPerBatchMs: env.DEADLINE_EXPORT_PER_BATCH_MS,
      },
    },
  }))
  .meta({
    title: 'Upstream resilience',
    description:
      'Both upstreams: a bounded FIFO queue, retries of transient failures, a circuit breaker, and a time budget ' +
      'per operation that every attempt and wait stays within.',
  });
