export type UpstreamName = 'claude' | 'woodpecker';

/**
 * What went wrong in one upstream attempt, decided from the wire (status, error body code, socket error),
 * never from message text. The retry owner and the error translation read only this.
 */
export type FailureClass =
  | 'rate_limited' // 429 / rate_limit_error: the quota window is exhausted; retry after the hinted delay
  | 'upstream_queue_full' // Woodpecker E_TOO_MANY_REQUESTS: its one-at-a-time queue dropped us
  | 'overloaded' // Anthropic 529 overloaded_error: global, not our quota
  | 'server_error' // 5xx
  | 'network' // connection refused/reset, DNS, socket hang-up
  | 'timeout' // no answer within the attempt timeout
  | 'invalid_response' // 2xx with a body we cannot read (HTML page, truncated JSON, error envelope)
  | 'spend_cap' // Anthropic monthly spend limit: retrying cannot help
  | 'auth' // bad or missing key: a configuration problem of ours
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'aborted'; // the caller went away or its deadline passed

/**
 * Whether the upstream may have acted on the request. Writes are retried only when it provably did not
 * ('no'), unless the operation declares re-sending harmless.
 */
export type Delivery = 'no' | 'maybe' | 'yes';

const TRANSIENT: ReadonlySet<FailureClass> = new Set([
  'rate_limited',
  'upstream_queue_full',
  'overloaded',
  'server_error',
  'network',
  'timeout',
  'invalid_response',
]);

/** Failures that say the upstream itself is unhealthy (they feed the circuit breaker; quota answers do not). */
const UNHEALTHY: ReadonlySet<FailureClass> = new Set(['overloaded', 'server_error', 'network', 'timeout', 'invalid_response']);

export interface UpstreamFailureDetails {
  status?: number;
  /** Upstream's machine code, e.g. E_TOO_MANY_REQUESTS or rate_limit_error. Logged, never shown to users. */
  upstreamCode?: string;
  /** From retry-after-ms / retry-after, when the upstream said when to come back. */
  retryAfterMs?: number;
  upstreamRequestId?: string;
  delivery: Delivery;
  cause?: unknown;
}

export class UpstreamFailure extends Error {
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly upstreamRequestId: string | undefined;
  readonly delivery: Delivery;

  constructor(
    readonly upstream: UpstreamName,
    readonly failureClass: FailureClass,
    message: string,
    details: UpstreamFailureDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'UpstreamFailure';
    this.status = details.status;
    this.upstreamCode = details.upstreamCode;
    this.retryAfterMs = details.retryAfterMs;
    this.upstreamRequestId = details.upstreamRequestId;
    this.delivery = details.delivery;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.failureClass);
  }

  get unhealthy(): boolean {
    return UNHEALTHY.has(this.failureClass);
  }
}

/** Parses `retry-after-ms` (float ms) or `retry-after` (seconds or HTTP date), as the Anthropic SDK does. */
export function retryAfterMsFrom(get: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms != null && ms !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = get('retry-after');
  if (after == null || after === '') return undefined;
  if (Number.isFinite(Number(after))) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The failure for work given up because `signal` aborted: the operation's deadline passed (the reason is a
 * `DeadlineExceeded`) or the client went away. `delivery` is 'no' while still queued, 'maybe' mid-attempt.
 */
export function abortedFailure(upstream: UpstreamName, signal: AbortSignal, delivery: Delivery): UpstreamFailure {
  return new UpstreamFailure(upstream, 'aborted', 'gave up before the upstream answered', { delivery, cause: signal.reason });
}
