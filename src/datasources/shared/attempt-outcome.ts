import type { HealthVerdict } from './circuit-breaker';
import type { FailureClass, UpstreamFailure } from './upstream-failure';

export type AttemptOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'failed'; failure: UpstreamFailure }
  /** `run` threw something that is not an UpstreamFailure: a deliberate BffError or a bug. */
  | { kind: 'unexpected'; error: unknown };

/**
 * Whether the attempt counted against the upstream's quota. An answer with a status (even a 429 or an
 * E_TOO_MANY_REQUESTS, which did not act on the request) was received and counted, so its reservation is
 * not refunded; only a request that never arrived (connection refused) gives its budget back.
 */
export function reachedUpstream(outcome: AttemptOutcome<unknown>): boolean {
  return !(outcome.kind === 'failed' && outcome.failure.delivery === 'no' && outcome.failure.status === undefined);
}

/** Only the upstream's own ill health counts against the circuit; quota and input answers show it is alive. */
export function verdictOf(outcome: AttemptOutcome<unknown>): HealthVerdict {
  if (outcome.kind === 'ok') return 'healthy';
  if (outcome.kind === 'unexpected' || outcome.failure.failureClass === 'aborted') return 'neutral';
  return outcome.failure.unhealthy ? 'unhealthy' : 'healthy';
}

/** The outcome as events label it: 'ok', the failure class, or 'unexpected'. */
export function outcomeLabel(outcome: AttemptOutcome<unknown>): 'ok' | FailureClass | 'unexpected' {
  return outcome.kind === 'failed' ? outcome.failure.failureClass : outcome.kind;
}
