import type { AttemptOutcome } from './attempt-outcome';
import type { Clock } from './clock';
import type { Deadline } from './deadline';
import type { Permit } from './gate/permit';
import type { AttemptContext, UpstreamCall } from './upstream';
import { abortedFailure, UpstreamFailure, type UpstreamName } from './upstream-failure';

export interface AttemptResult<T> {
  /** What the caller gets: the answer, or why it stopped waiting. */
  outcome: AttemptOutcome<T>;
  /** How long the caller waited. */
  durationMs: number;
  upstreamRequestId: string | undefined;
  /** The attempt called `commit()`: a failure of it ends the call (see AttemptContext.commit). */
  committed: boolean;
  /**
   * Present when the caller stopped waiting while the upstream still had the request (slot held until it
   * answers): settles with the exchange's own outcome, on the upstream's answer or at the slot ceiling. The
   * permit must be held until then.
   */
  detached?: Promise<AttemptOutcome<T>>;
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
  /**
   * Unset: the exchange ends with the caller's wait (its signal aborts on the attempt timeout, the deadline or
   * the client's disconnect). Set: the exchange runs on without the caller, holding the permit, until the
   * upstream answered, and is cut only after this many ms (see UpstreamRuntimeOptions.slotCeilingMs).
   */
  slotCeilingMs: number | undefined;
  clock: Clock;
}

/** What ends an exchange besides an answer: a timeout (retryable) and, unless the exchange is held, the caller leaving. */
interface ExchangeLimits {
  timeout: AbortSignal;
  timeoutMs: number;
  /** The deadline's signal; absent when the exchange outlives its caller. */
  callerGone?: AbortSignal;
}

/** Like AbortSignal.timeout (the reason is a 'TimeoutError'), on the given clock, and its timer can be cleared. */
function timeoutAfter(clock: Clock, ms: number, message: string): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = clock.schedule(ms, () => controller.abort(new DOMException(message, 'TimeoutError')));
  return { signal: controller.signal, clear: () => timer.cancel() };
}

/** `settled`'s value, or undefined as soon as `signal` aborts. `settled` never rejects. */
function unlessAborted<T>(settled: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

function failed<T>(failure: UpstreamFailure): AttemptOutcome<T> {
  return { kind: 'failed', failure };
}

function noAnswerWithin(upstream: UpstreamName, ms: number, reported?: UpstreamFailure, cause?: unknown): UpstreamFailure {
  return new UpstreamFailure(upstream, 'timeout', `no answer within ${ms} ms`, {
    delivery: 'maybe',
    upstreamRequestId: reported?.upstreamRequestId,
    cause,
  });
}

/**
 * Runs one exchange. The caller waits min(attempt timeout, time left); its outcome is a `timeout` (delivery
 * 'maybe', retryable, counts against the circuit) when that passes, `aborted` (not retried, not the upstream's
 * fault) when the deadline passes or the client disconnects. Without a slot ceiling the exchange's signal aborts
 * at that moment too; with one, the exchange goes on (see `detached`). Never throws.
 */
export async function runAttempt<T>(setup: AttemptSetup<T>): Promise<AttemptResult<T>> {
  const { deadline, upstream, clock } = setup;
  let upstreamRequestId: string | undefined;
  let committed = false;
  const contextFor = (signal: AbortSignal, timeoutMs: number): AttemptContext => ({
    attempt: setup.attempt,
    signal,
    timeoutMs,
    previousFailures: setup.previousFailures,
    settle: (actual) => setup.permit.settle(actual),
    observeRateLimitHeaders: setup.observeRateLimitHeaders,
    noteUpstreamRequestId: (id) => {
      upstreamRequestId = id ?? upstreamRequestId;
    },
    commit: () => {
      committed = true;
    },
  });
  const started = clock.now();
  const finish = (outcome: AttemptOutcome<T>, detached?: Promise<AttemptOutcome<T>>): AttemptResult<T> => ({
    outcome,
    durationMs: clock.now() - started,
    upstreamRequestId,
    committed,
    ...(detached && { detached }),
  });
  // Granted just as the caller left: nothing was sent.
  if (deadline.signal.aborted) return finish(failed(abortedFailure(upstream, deadline.signal, 'no')));

  const waitMs = Math.min(setup.attemptTimeoutMs, deadline.remainingMs());
  const wait = timeoutAfter(clock, waitMs, `attempt timed out after ${waitMs} ms`);
  try {
    if (setup.slotCeilingMs === undefined) {
      const signal = AbortSignal.any([deadline.signal, wait.signal]);
      return finish(await exchange(setup, contextFor(signal, waitMs), { timeout: wait.signal, timeoutMs: waitMs, callerGone: deadline.signal }));
    }
    const settled = heldExchange(setup, setup.slotCeilingMs, contextFor);
    const outcome = await unlessAborted(settled, AbortSignal.any([deadline.signal, wait.signal]));
    if (outcome) return finish(outcome);
    const stopped = deadline.signal.aborted ? abortedFailure(upstream, deadline.signal, 'maybe') : noAnswerWithin(upstream, waitMs);
    return finish(failed(stopped), settled);
  } finally {
    wait.clear();
  }
}

/**
 * The exchange of an upstream that keeps working on a request whose socket closed: it holds the permit until
 * the answer, whoever still waits for it, and its signal aborts only at the ceiling.
 */
function heldExchange<T>(
  setup: AttemptSetup<T>,
  ceilingMs: number,
  contextFor: (signal: AbortSignal, timeoutMs: number) => AttemptContext,
): Promise<AttemptOutcome<T>> {
  const ceiling = timeoutAfter(setup.clock, ceilingMs, `no answer within the slot ceiling of ${ceilingMs} ms`);
  setup.permit.keepThrough(setup.clock.now() + ceilingMs);
  const answered = exchange(setup, contextFor(ceiling.signal, ceilingMs), { timeout: ceiling.signal, timeoutMs: ceilingMs });
  // A `run` that ignores its signal must not keep the slot past the ceiling either.
  return unlessAborted(answered, ceiling.signal)
    .then((outcome) => outcome ?? failed<T>(noAnswerWithin(setup.upstream, ceilingMs)))
    .finally(ceiling.clear);
}

/** `run` under `ctx`, as an outcome: never rejects. */
function exchange<T>(setup: AttemptSetup<T>, ctx: AttemptContext, limits: ExchangeLimits): Promise<AttemptOutcome<T>> {
  // The executor runs `run` at once and turns a synchronous throw into a rejection.
  return new Promise<T>((resolve) => resolve(setup.call.run(ctx))).then(
    (value): AttemptOutcome<T> => ({ kind: 'ok', value }),
    (error: unknown) => classify<T>(error, setup.upstream, limits),
  );
}

/**
 * Whatever `run` threw after a signal fired is about that signal: the timeout is a `timeout`, the caller
 * leaving is `aborted`, unless `run` reported a real answer that arrived just then.
 */
function classify<T>(error: unknown, upstream: UpstreamName, limits: ExchangeLimits): AttemptOutcome<T> {
  const reported = error instanceof UpstreamFailure ? error : undefined;
  const { callerGone, timeout, timeoutMs } = limits;
  if (callerGone?.aborted) {
    if (!reported || reported.failureClass === 'timeout' || reported.failureClass === 'aborted') {
      return failed(abortedFailure(upstream, callerGone, 'maybe'));
    }
  } else if (timeout.aborted && reported?.failureClass !== 'timeout') {
    return failed(noAnswerWithin(upstream, timeoutMs, reported, error));
  }
  return reported ? failed(reported) : { kind: 'unexpected', error };
}
