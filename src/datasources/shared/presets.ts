import type { Config } from '../../config';
import { logger } from '../../logging/logger';
import { createUpstream, type UpstreamRuntime, type UpstreamRuntimeOptions } from './upstream-runtime';

/** What callers may add to a preset: a shared store, a seeded random, metrics listeners. */
export type UpstreamExtras = Pick<UpstreamRuntimeOptions, 'store' | 'random' | 'listeners'>;

/** Claude: concurrency plus the three per-minute (per quota window) token buckets Anthropic enforces (requests, input, output). */
export function createClaudeUpstream(config: Config, extras: UpstreamExtras = {}): UpstreamRuntime {
  const { limits, attemptTimeoutMs } = config.claude;
  return createUpstream({
    name: 'claude',
    displayName: 'Claude',
    limits: {
      maxConcurrency: limits.maxConcurrency,
      budgets: {
        requests: limits.requestsPerMinute,
        input_tokens: limits.inputTokensPerMinute,
        output_tokens: limits.outputTokensPerMinute,
      },
      windowMs: config.resilience.quotaWindowMs,
    },
    resilience: config.resilience,
    attemptTimeoutMs,
    ...extras,
  });
}

/** count_tokens allows this many at once; it answers fast, so a handful covers every Messages slot. */
const COUNT_TOKENS_CONCURRENCY = 8;
/** A count that cannot be had at once is not retried: the caller reserves its upper bound and goes on. */
const COUNT_TOKENS_ATTEMPTS = 1;
/** And not waited for long: beyond this the upper bound is the better deal than a delayed generation. */
const COUNT_TOKENS_ATTEMPT_TIMEOUT_MS = 2_000;

/**
 * Claude's count_tokens endpoint: free, with a per-minute request limit of its own that Messages calls do not
 * touch. A runtime of its own keeps each budget where it belongs: counting never spends a Messages request and
 * a Messages burst never blocks a count.
 */
export function createClaudeCountTokensUpstream(config: Config, extras: UpstreamExtras = {}): UpstreamRuntime {
  return createUpstream({
    name: 'claude',
    displayName: 'Claude',
    limits: {
      maxConcurrency: COUNT_TOKENS_CONCURRENCY,
      budgets: { requests: config.claude.countTokensPerMinute },
      windowMs: config.resilience.quotaWindowMs,
    },
    resilience: { ...config.resilience, maxAttempts: COUNT_TOKENS_ATTEMPTS },
    attemptTimeoutMs: Math.min(COUNT_TOKENS_ATTEMPT_TIMEOUT_MS, config.claude.attemptTimeoutMs),
    ...extras,
  });
}

/**
 * Woodpecker processes one request at a time per key and drops what its own short queue cannot hold, so the
 * gate holds it to `maxConcurrency` (1) and queues here instead. The slot is held until Woodpecker answered,
 * not until we stopped waiting: it keeps working on a request whose socket we closed. It documents no per-minute quota: a request
 * budget exists only when one is configured (> 0).
 */
export function createWoodpeckerUpstream(config: Config, extras: UpstreamExtras = {}): UpstreamRuntime {
  const { limits, attemptTimeoutMs, slotCeilingMs } = config.woodpecker;
  if (limits.maxConcurrency > 1) {
    logger.warn('WOODPECKER_MAX_CONCURRENCY above 1: Woodpecker processes one request at a time per key and drops the excess', {
      component: 'upstream',
      maxConcurrency: limits.maxConcurrency,
    });
  }
  return createUpstream({
    name: 'woodpecker',
    displayName: 'Woodpecker',
    limits: {
      maxConcurrency: limits.maxConcurrency,
      budgets: limits.requestsPerMinute > 0 ? { requests: limits.requestsPerMinute } : {},
      windowMs: config.resilience.quotaWindowMs,
    },
    resilience: config.resilience,
    attemptTimeoutMs,
    // Closing the socket does not stop Woodpecker's work on a request: the slot is held until it answered.
    slotCeilingMs,
    ...extras,
  });
}
