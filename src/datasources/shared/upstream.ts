import type { Deadline } from './deadline';
import type { UpstreamFailure, UpstreamName } from './upstream-failure';

/** Budget dimensions a gate accounts for, per minute. Woodpecker only uses `requests`. */
export type BudgetDimension = 'requests' | 'input_tokens' | 'output_tokens';
export type Cost = Partial<Record<BudgetDimension, number>>;

/**
 * How an operation may be retried after a transient failure:
 * - `idempotent`: any transient failure (reads; Claude generations, which only cost tokens);
 * - `resend-safe`: a write whose re-send is harmless by construction and which reads `previousFailures` to
 *   interpret the answer (Woodpecker adds: re-sent emails come back as duplicates and count as added);
 * - `if-undelivered`: any other write, retried only when the upstream provably did not act (`delivery: 'no'`).
 */
export type RetryMode = 'idempotent' | 'if-undelivered' | 'resend-safe';

/** What one attempt learns about the upstream besides its result. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborts when the attempt times out, the deadline passes or the client disconnects. Pass it to fetch/SDK. */
  signal: AbortSignal;
  /** Time this attempt may take (≤ the configured attempt timeout and ≤ the remaining deadline). */
  timeoutMs: number;
  /** Failures of the earlier attempts of this call, oldest first (lets a write tell a re-send from a first send). */
  previousFailures: readonly UpstreamFailure[];
  /** Reports what the attempt really consumed, so the unused part of the reservation is refunded. */
  settle(actual: Cost): void;
  /** Hands rate-limit response headers to the gate so it corrects its budget to the upstream's view. */
  observeRateLimitHeaders(get: (name: string) => string | null | undefined): void;
  /** Upstream request id (e.g. Anthropic `request-id`) for the attempt log line. */
  noteUpstreamRequestId(id: string | undefined): void;
  /**
   * The attempt has handed part of its result to someone who cannot take it back (streamed text reached a
   * client): if it fails after this, the call fails with it. A retry would start over and show that client a
   * second, different beginning.
   */
  commit(): void;
}

/** Where a call waits in this process's gate queue. */
export interface QueueReport {
  /** 1 for the next to go. */
  position: number;
  /** The gate's estimate of the wait (its wait model: 0 until it has seen attempts end). */
  waitMs: number;
}

export interface UpstreamCall<T> {
  /** Method and path template, e.g. `GET /v1/campaign_list`: the low-cardinality label in logs and metrics. */
  route: string;
  retry: RetryMode;
  /** Reserved before each attempt; default `{ requests: 1 }`. */
  cost?: Cost;
  /** Identical concurrent calls with the same key share one execution (reads only). */
  coalesceKey?: string;
  /**
   * Told where the call waits in the gate: when it joins the queue and whenever its place changes (each attempt
   * queues anew). Called synchronously by the gate; it must not throw or block.
   */
  onQueued?(report: QueueReport): void;
  /** One exchange with the upstream. Throws `UpstreamFailure` for anything but success. */
  run(ctx: AttemptContext): Promise<T>;
}

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BudgetStatus {
  dimension: BudgetDimension;
  limit: number;
  remaining: number;
  upstreamRemaining?: number;
  upstreamResetAt?: Date;
}

export interface UpstreamStatusSnapshot {
  name: UpstreamName;
  queued: number;
  inFlight: number;
  limits: {
    maxConcurrency: number;
    requestsPerMinute?: number;
    inputTokensPerMinute?: number;
    outputTokensPerMinute?: number;
    queueMax: number;
    queueMaxWaitMs: number;
    maxAttempts: number;
  };
  budgets: BudgetStatus[];
  circuit: CircuitState;
  pausedUntil?: Date;
  lastErrorClass?: string;
  lastErrorAt?: Date;
}

/**
 * The process-wide runtime of one upstream: quota gate, circuit breaker, retry owner and read coalescing.
 * Data sources describe an exchange as an `UpstreamCall`; `execute` runs it through all of those and either
 * returns the result or throws a `BffError` from the closed code set (its `cause` is the last failure).
 */
export interface Upstream {
  readonly name: UpstreamName;
  execute<T>(call: UpstreamCall<T>, deadline: Deadline): Promise<T>;
  /**
   * Whether calls of these costs would all start at once right now (nobody queued, a free slot and the budget for
   * each): work that could be split into concurrent calls asks before it splits. A shared store answers from the
   * view it learnt on its last round trip.
   */
  admitsNow(costs: readonly Cost[]): boolean;
  /** How long a call of `cost` joining the queue now would wait, by the gate's own wait model (ms). */
  estimateWaitMs(cost: Cost): number;
  status(): UpstreamStatusSnapshot;
  /**
   * Rejects queued calls and releases what this instance holds (graceful shutdown). An exchange the upstream is
   * still working on gets up to `settleMs` to be answered before its lease is kept until its ceiling instead.
   */
  close(settleMs?: number): Promise<void>;
}
