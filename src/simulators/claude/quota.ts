import type { OutgoingHttpHeaders } from 'node:http';
import { TokenBucket } from '../shared/token-bucket';

export interface ClaudeLimits {
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
  /** count_tokens has a request limit of its own, independent of the Messages limits. */
  countTokensPerMinute: number;
  quotaWindowMs: number;
}

interface KeyBuckets {
  requests: TokenBucket;
  input: TokenBucket;
  output: TokenBucket;
  counts: TokenBucket;
}

export type Admission = { admitted: true } | { admitted: false; waitMs: number };

/**
 * Anthropic's per-key limits: requests, input tokens and output tokens per minute, each a continuously
 * refilled bucket. Output tokens are estimated from `max_tokens` at admission and the unused part is given
 * back when the response completes, which is how Anthropic accounts OTPM. count_tokens requests draw on a
 * bucket of their own and on none of the Messages ones.
 */
export class ClaudeQuota {
  private readonly byKey = new Map<string, KeyBuckets>();

  constructor(private limits: ClaudeLimits) {}

  reconfigure(limits: ClaudeLimits, now = Date.now()): void {
    this.limits = limits;
    for (const buckets of this.byKey.values()) {
      buckets.requests.resize(limits.requestsPerMinute, limits.quotaWindowMs, now);
      buckets.input.resize(limits.inputTokensPerMinute, limits.quotaWindowMs, now);
      buckets.output.resize(limits.outputTokensPerMinute, limits.quotaWindowMs, now);
      buckets.counts.resize(limits.countTokensPerMinute, limits.quotaWindowMs, now);
    }
  }

  reset(): void {
    this.byKey.clear();
  }

  /** Takes one request, the input tokens and `maxTokens` output tokens, or nothing if any bucket lacks room. */
  admit(key: string, inputTokens: number, maxTokens: number, now = Date.now()): Admission {
    const buckets = this.bucketsOf(key, now);
    const waitMs = Math.max(
      buckets.requests.waitMs(1, now),
      buckets.input.waitMs(inputTokens, now),
      buckets.output.waitMs(maxTokens, now),
    );
    // A request larger than a whole window's capacity can never fit; advertise one window rather than ∞.
    if (waitMs > 0) return { admitted: false, waitMs: Number.isFinite(waitMs) ? waitMs : this.limits.quotaWindowMs };
    buckets.requests.take(1, now);
    buckets.input.take(inputTokens, now);
    buckets.output.take(maxTokens, now);
    return { admitted: true };
  }

  /** Takes one count_tokens request, or nothing when that bucket is empty. */
  admitCount(key: string, now = Date.now()): Admission {
    const { counts } = this.bucketsOf(key, now);
    const waitMs = counts.waitMs(1, now);
    if (waitMs > 0) return { admitted: false, waitMs };
    counts.take(1, now);
    return { admitted: true };
  }

  /** Gives back tokens an admitted request did not use (all of them when it failed). */
  refund(key: string, tokens: { input?: number; output?: number }, now = Date.now()): void {
    const buckets = this.bucketsOf(key, now);
    if (tokens.input) buckets.input.give(tokens.input, now);
    if (tokens.output) buckets.output.give(tokens.output, now);
  }

  /** The `anthropic-ratelimit-*` headers: limit, remaining and RFC 3339 time of full replenishment. */
  headers(key: string, now = Date.now()): OutgoingHttpHeaders {
    const { requests, input, output } = this.bucketsOf(key, now);
    const inputReset = input.msUntilFull(now);
    const outputReset = output.msUntilFull(now);
    return {
      'anthropic-ratelimit-requests-limit': String(requests.limit),
      'anthropic-ratelimit-requests-remaining': String(requests.remaining(now)),
      'anthropic-ratelimit-requests-reset': rfc3339(now + requests.msUntilFull(now)),
      'anthropic-ratelimit-input-tokens-limit': String(input.limit),
      'anthropic-ratelimit-input-tokens-remaining': String(input.remaining(now)),
      'anthropic-ratelimit-input-tokens-reset': rfc3339(now + inputReset),
      'anthropic-ratelimit-output-tokens-limit': String(output.limit),
      'anthropic-ratelimit-output-tokens-remaining': String(output.remaining(now)),
      'anthropic-ratelimit-output-tokens-reset': rfc3339(now + outputReset),
      // `tokens-*` is the combined input + output budget.
      'anthropic-ratelimit-tokens-limit': String(input.limit + output.limit),
      'anthropic-ratelimit-tokens-remaining': String(input.remaining(now) + output.remaining(now)),
      'anthropic-ratelimit-tokens-reset': rfc3339(now + Math.max(inputReset, outputReset)),
    };
  }

  private bucketsOf(key: string, now: number): KeyBuckets {
    let buckets = this.byKey.get(key);
    if (!buckets) {
      const { requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, countTokensPerMinute, quotaWindowMs } = this.limits;
      buckets = {
        requests: new TokenBucket(requestsPerMinute, quotaWindowMs, now),
        input: new TokenBucket(inputTokensPerMinute, quotaWindowMs, now),
        output: new TokenBucket(outputTokensPerMinute, quotaWindowMs, now),
        counts: new TokenBucket(countTokensPerMinute, quotaWindowMs, now),
      };
      this.byKey.set(key, buckets);
    }
    return buckets;
  }
}

/** Whole seconds, rounded up, as Anthropic prints them (`2025-08-21T12:40:59Z`). */
function rfc3339(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
