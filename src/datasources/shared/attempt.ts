import type { Deadline } from './deadline';
import type { Permit } from './gate/scheduler';
import type { AttemptContext, UpstreamCall } from './upstream';
import { abortedFailure, UpstreamFailure, type UpstreamName } from './upstream-failure';

export type AttemptOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'failed'; failure: UpstreamFailure }
  /** `run` threw something that is not an UpstreamFailure: a deliberate BffError or a bug. */
  | { kind: 'unexpected'; error: unknown };

export interface AttemptResult<T> {
  outcome: AttemptOutcome<T>;
  durationMs: number;
  upstreamRequestId: string | undefined;
}

export interface AttemptSetup<T> {
  upstream: UpstreamName;
  call: UpstreamCall<T>;
  attempt: number;
  previousFailures: readonly UpstreamFailure[];
  deadline: Deadline;
  attemptTimeoutMs: number;
  permit: Permit;
  observeRateLimitHeaders(get: (name: string) => string | null | undefined): void;
}

/**
 * Runs one exchange under its own timeout: min(attempt timeout, time left). The signal handed to `run` aborts
 * on that timeout (reason: a 'TimeoutError', as AbortSignal.timeout gives) or with the deadline (reason:
 * `DeadlineExceeded`) or the client's disconnect. Never throws: the outcome says what happened.
 */
export async function runAttempt<T>(setup: AttemptSetup<T>): Promise<AttemptResult<T>> {
  const { deadline, permit } = setup;
  const timeoutMs = Math.min(setup.attemptTimeoutMs, deadline.remainingMs());
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  let upstreamRequestId: string | undefined;
  const ctx: AttemptContext = {
    attempt: setup.attempt,
    signal: AbortSignal.any([deadline.signal, timeout.signal]),
    timeoutMs,
    previousFailures: setup.previousFailures,
    settle: (actual) => permit.settle(actual),
    observeRateLimitHeaders: setup.observeRateLimitHeaders,
    noteUpstreamRequestId: (id) => {
      upstreamRequestId = id ?? upstreamRequestId;
    },
  };
  const started = Date.now();
  let outcome: AttemptOutcome<T>;
  try {
    outcome = { kind: 'ok', value: await setup.call.run(ctx) };
  } catch (error) {
    outcome = classify(error, setup.upstream, deadline.signal, timeout.signal, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  return { outcome, durationMs: Date.now() - started, upstreamRequestId };
}

/**
 * Whatever `run` threw after a timer fired is about that timer: the attempt timing out is a `timeout`
 * (delivery 'maybe', retryable, counts against the circuit), the deadline or client abort is `aborted`
 * (not retried, not the upstream's fault), unless `run` reported a real answer that arrived just then.
 */
function classify<T>(
  error: unknown,
  upstream: UpstreamName,
  deadlineSignal: AbortSignal,
  timeoutSignal: AbortSignal,
  timeoutMs: number,
): AttemptOutcome<T> {
  const reported = error instanceof UpstreamFailure ? error : undefined;
  if (deadlineSignal.aborted) {
    if (!reported || reported.failureClass === 'timeout' || reported.failureClass === 'aborted') {
      return { kind: 'failed', failure: abortedFailure(upstream, deadlineSignal, 'maybe') };
    }
  } else if (timeoutSignal.aborted && reported?.failureClass !== 'timeout') {
    const failure = new UpstreamFailure(upstream, 'timeout', `no answer within ${timeoutMs} ms`, {
      delivery: 'maybe',
      upstreamRequestId: reported?.upstreamRequestId,
      cause: error,
    });
    return { kind: 'failed', failure };
  }
  return reported ? { kind: 'failed', failure: reported } : { kind: 'unexpected', error };
}
