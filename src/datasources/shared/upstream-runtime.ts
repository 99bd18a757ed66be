import type winston from 'winston';
import type { ResilienceConfig } from '../../config';
import { BffError, type ErrorCode } from '../../errors';
import { describeError, logger as rootLogger } from '../../logging/logger';
import { recordRequestStats } from '../../logging/request-context';
import { abortableSleep } from './abortable-sleep';
import { runAttempt, type AttemptResult } from './attempt';
import { outcomeLabel, reachedUpstream, verdictOf, type AttemptOutcome } from './attempt-outcome';
import { CircuitBreaker, type CircuitChange } from './circuit-breaker';
import { systemClock, type Clock } from './clock';
import { Coalescer } from './coalescer';
import type { Deadline } from './deadline';
import { DEFAULT_COST } from './gate/cost';
import type { GateLimits, GateStore } from './gate/gate-store';
import { MemoryGateStore } from './gate/memory-gate-store';
import type { Permit } from './gate/permit';
import { GateScheduler } from './gate/scheduler';
import { LocalRejection } from './local-rejection';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { retryDelayMs, shouldRetry, type BackoffSettings } from './retry-policy';
import { internalError, toBffError } from './to-bff-error';
import type { Cost, Upstream, UpstreamCall, UpstreamStatusSnapshot } from './upstream';
import { UpstreamEvents, type UpstreamListener } from './upstream-events';
import { abortedFailure, UpstreamFailure, type FailureClass, type UpstreamName } from './upstream-failure';
import { upstreamLogListener } from './upstream-log';
import { statusSnapshot } from './upstream-status';

/** A blocked head asks the store again at least this often (a shared store frees capacity without telling us). */
const DEFAULT_POLL_INTERVAL_MS = 250;
const NO_FAILURES: readonly UpstreamFailure[] = Object.freeze([]);
const RATE_LIMIT_CLASSES: ReadonlySet<FailureClass> = new Set(['rate_limited', 'upstream_queue_full']);

export interface UpstreamRuntimeOptions {
  name: UpstreamName;
  /** The name users read in messages: "Claude", "Woodpecker". */
  displayName: string;
  limits: GateLimits;
  resilience: Omit<ResilienceConfig, 'deadlines' | 'quotaWindowMs'>;
  /** Longest a caller waits for one attempt (the deadline may cut it shorter). */
  attemptTimeoutMs: number;
  /**
   * For an upstream that keeps working on a request after its socket closed (Woodpecker): the slot is held
   * until the upstream answered, at most this long. The caller still stops waiting at its attempt timeout,
   * deadline or disconnect, with the same failure as otherwise; the exchange runs on in the background,
   * holding the permit (its answer is discarded), and is cut (socket destroyed, slot freed) only at this
   * ceiling. A retry simply waits in the gate for the slot. Unset (Claude): the caller's signal aborts the
   * exchange and frees the slot, since abandoning a generation is what we want there.
   */
  slotCeilingMs?: number;
  /**
   * Gate state; default in-memory (single instance). Pass a shared store to limit across instances, or a
   * factory that builds it from these limits (the presets own the limits).
   */
  store?: GateStore | ((limits: GateLimits) => GateStore);
  pollIntervalMs?: number;
  /** [0, 1) for backoff jitter; inject a seeded one in tests. */
  random?: () => number;
  /** Every timeout, backoff, gate wake-up and lease renewal runs on it; tests drive a test clock. */
  clock?: Clock;
  listeners?: readonly UpstreamListener[];
}

export interface UpstreamRuntime extends Upstream {
  /** Adds a metrics/tracing listener; returns the unsubscribe function. */
  subscribe(listener: UpstreamListener): () => void;
}

/** Builds the process-wide runtime of one upstream. Create it once per upstream (and API key), never per request. */
export function createUpstream(options: UpstreamRuntimeOptions): UpstreamRuntime {
  return new Runtime(options);
}

class Runtime implements UpstreamRuntime {
  readonly name: UpstreamName;
  private readonly displayName: string;
  private readonly clock: Clock;
  private readonly log: winston.Logger;
  private readonly store: GateStore;
  private readonly scheduler: GateScheduler;
  private readonly circuit: CircuitBreaker;
  private readonly coalescer: Coalescer;
  private readonly events: UpstreamEvents;
  private readonly backoff: BackoffSettings;
  private readonly rateLimitPauseMs: number;
  private lastError: { failureClass: FailureClass; at: Date } | undefined;

  constructor(private readonly options: UpstreamRuntimeOptions) {
    this.name = options.name;
    this.displayName = options.displayName;
    this.clock = options.clock ?? systemClock;
    this.log = rootLogger.child({ component: 'upstream', upstream: options.name });
    const { store } = options;
    this.store = typeof store === 'function' ? store(options.limits) : (store ?? new MemoryGateStore(options.limits, this.clock.now()));
    this.scheduler = new GateScheduler({
      upstream: options.name,
      store: this.store,
      queueMax: options.resilience.queueMax,
      queueMaxWaitMs: options.resilience.queueMaxWaitMs,
      leaseTtlMs: options.resilience.leaseTtlMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      clock: this.clock,
      logger: this.log,
    });
    this.circuit = new CircuitBreaker(options.resilience.circuit, this.onCircuitChange);
    this.coalescer = new Coalescer(this.clock);
    this.events = new UpstreamEvents([upstreamLogListener(options.displayName, this.log), ...(options.listeners ?? [])], this.log);
    this.backoff = {
      baseDelayMs: options.resilience.retryBaseDelayMs,
      maxDelayMs: options.resilience.retryMaxDelayMs,
      random: options.random ?? Math.random,
    };
    // Without retry-after, wait for one request's worth of refill: the soonest the upstream's bucket has room.
    // With no per-minute budget (Woodpecker's one-at-a-time queue), the first backoff step is the best guess.
    const requests = options.limits.budgets.requests;
    this.rateLimitPauseMs = requests ? options.limits.windowMs / requests : Math.max(1, options.resilience.retryBaseDelayMs);
  }

  execute<T>(call: UpstreamCall<T>, deadline: Deadline): Promise<T> {
    if (call.coalesceKey === undefined) return this.executeWithRetries(call, deadline);
    return this.coalescer.run(
      call.coalesceKey,
      deadline,
      (shared) => this.executeWithRetries(call, shared),
      (signal) => toBffError(abortedFailure(this.name, signal, 'no'), this.displayName),
    );
  }

  subscribe(listener: UpstreamListener): () => void {
    return this.events.subscribe(listener);
  }

  admitsNow(costs: readonly Cost[]): boolean {
    return this.circuit.blockedForMs(this.clock.now()) === 0 && this.scheduler.admitsNow(costs);
  }

  estimateWaitMs(cost: Cost): number {
    return Math.max(this.circuit.blockedForMs(this.clock.now()), this.scheduler.estimateWaitMs(cost));
  }

  status(): UpstreamStatusSnapshot {
    const now = this.clock.now();
    return statusSnapshot({
      name: this.name,
      limits: this.options.limits,
      resilience: this.options.resilience,
      queued: this.scheduler.queued,
      inFlight: this.scheduler.inFlight,
      store: this.store.snapshot(now),
      circuit: this.circuit.stateAt(now),
      lastError: this.lastError,
    });
  }

  close(settleMs?: number): Promise<void> {
    return this.scheduler.close(settleMs);
  }

  /** The one retry owner: every attempt re-enters the circuit and the gate; the result or a BffError comes out. */
  private async executeWithRetries<T>(call: UpstreamCall<T>, deadline: Deadline): Promise<T> {
    const failures: UpstreamFailure[] = [];
    let attempt = 0;
    try {
      for (;;) {
        attempt += 1;
        const { outcome, committed } = await this.attempt(call, deadline, attempt, failures);
        if (outcome.kind === 'ok') {
          this.emitOutcome(call, attempt, failures, undefined);
          return outcome.value;
        }
        if (outcome.kind === 'unexpected') throw outcome.error;
        const failure = outcome.failure;
        failures.push(failure);
        // A committed attempt handed part of its result out already: starting over would contradict it.
        if (committed || !shouldRetry(call.retry, failure) || attempt >= this.options.resilience.maxAttempts) throw failure;
        // A hint beyond the cap is not waited out: the caller gets it (UPSTREAM_RATE_LIMITED) and decides.
        if ((failure.retryAfterMs ?? 0) > this.options.resilience.maxRetryAfterMs) throw failure;
        const delayMs = retryDelayMs(attempt, failure, this.backoff);
        // Sleeping into the deadline only to fail later helps nobody: report the failure now.
        if (delayMs >= deadline.remainingMs()) throw failure;
        recordRequestStats({ retries: 1 });
        await abortableSleep(delayMs, deadline.signal, this.clock).catch(() => {
          throw abortedFailure(this.name, deadline.signal, 'no');
        });
      }
    } catch (error) {
      const bffError = this.translate(error);
      this.emitOutcome(call, attempt, failures, { code: bffError.code, error });
      throw bffError;
    }
  }

  private async attempt<T>(
    call: UpstreamCall<T>,
    deadline: Deadline,
    attempt: number,
    previousFailures: readonly UpstreamFailure[],
  ): Promise<Pick<AttemptResult<T>, 'outcome' | 'committed'>> {
    const blockedMs = this.circuit.blockedForMs(this.clock.now());
    if (blockedMs > 0) throw new LocalRejection('circuit_open', blockedMs, 'circuit open');
    const permit = await this.scheduler.acquire(call.cost ?? DEFAULT_COST, deadline, call.onQueued?.bind(call));
    if (permit.waitedMs > 0) recordRequestStats({ queueWaitMs: permit.waitedMs });
    // Every grant, waits of 0 included: a wait histogram without them would overstate every percentile.
    this.events.emit('onQueueWait', { upstream: this.name, route: call.route, waitedMs: permit.waitedMs });
    // Asked again after the wait: the circuit may have opened meanwhile, and a HALF_OPEN probe is only spent
    // by a call that holds a slot.
    const ticket = this.circuit.admit(this.clock.now());
    if (!ticket) {
      permit.release(false);
      throw new LocalRejection('circuit_open', this.circuit.blockedForMs(this.clock.now()), 'circuit opened while queued');
    }
    recordRequestStats({ upstreamCalls: 1 });
    const result = await runAttempt({
      upstream: this.name,
      call,
      attempt,
      // A copy: an attempt that keeps its context must not see later failures appear in it.
      previousFailures: previousFailures.length === 0 ? NO_FAILURES : previousFailures.slice(),
      deadline,
      attemptTimeoutMs: this.options.attemptTimeoutMs,
      permit,
      observeRateLimitHeaders: this.observeRateLimitHeaders,
      slotCeilingMs: this.options.slotCeilingMs,
      clock: this.clock,
    });
    const { outcome, detached } = result;
    this.circuit.record(ticket, verdictOf(outcome), this.clock.now());
    // Before the release: the next waiter must not be granted ahead of a pause this failure calls for.
    if (outcome.kind === 'failed') this.learnFromFailure(outcome.failure);
    if (detached) void detached.then((late) => this.endDetached(call.route, attempt, permit, late));
    else permit.release(reachedUpstream(outcome));
    this.reportAttempt(call, attempt, result);
    return result;
  }

  /** The upstream answered (or the ceiling passed) after the caller stopped waiting: only now is the slot free. */
  private endDetached(route: string, attempt: number, permit: Permit, late: AttemptOutcome<unknown>): void {
    if (late.kind === 'failed') this.learnFromFailure(late.failure);
    permit.release(reachedUpstream(late));
    this.events.emit('onDetachedEnd', { upstream: this.name, route, attempt, outcome: outcomeLabel(late) });
  }

  /**
   * A retry-after (or a bare 429) stops the WHOLE gate, not just this call: every other call would hit it too.
   * Never longer than the cap: a runaway hint (a proxy's, a daily cap's) must not stop every call for hours.
   */
  private learnFromFailure(failure: UpstreamFailure): void {
    const now = this.clock.now();
    // A caller giving up says nothing about the upstream; the status page shows upstream trouble only.
    if (failure.failureClass !== 'aborted') this.lastError = { failureClass: failure.failureClass, at: new Date(now) };
    const hintMs = failure.retryAfterMs ?? (RATE_LIMIT_CLASSES.has(failure.failureClass) ? this.rateLimitPauseMs : undefined);
    const pauseMs = hintMs === undefined ? undefined : Math.min(hintMs, this.options.resilience.maxRetryAfterMs);
    if (pauseMs) this.storeCall(this.store.pauseUntil(now + pauseMs));
  }

  private readonly observeRateLimitHeaders = (get: (name: string) => string | null | undefined): void => {
    const reports = parseRateLimitHeaders(get);
    const now = this.clock.now();
    for (const [dimension, report] of reports) this.storeCall(this.store.correct(dimension, report, now));
  };

  private storeCall(pending: Promise<void>): void {
    pending.catch((error: unknown) => this.log.error('gate store update failed', { error: describeError(error) }));
  }

  private reportAttempt<T>(call: UpstreamCall<T>, attempt: number, result: AttemptResult<T>): void {
    const { outcome, durationMs, upstreamRequestId } = result;
    const failure = outcome.kind === 'failed' ? outcome.failure : undefined;
    this.events.emit('onAttempt', {
      upstream: this.name,
      route: call.route,
      attempt,
      durationMs,
      outcome: outcomeLabel(outcome),
      ...(failure?.status !== undefined && { status: failure.status }),
      ...(failure && { failure }),
      ...(upstreamRequestId !== undefined && { upstreamRequestId }),
    });
  }

  /** Everything that leaves `execute` goes through here: a BffError from the closed set. */
  private translate(error: unknown): BffError {
    if (error instanceof BffError) return error;
    if (error instanceof UpstreamFailure || error instanceof LocalRejection) return toBffError(error, this.displayName);
    return internalError(error);
  }

  private emitOutcome<T>(
    call: UpstreamCall<T>,
    attempts: number,
    failures: readonly UpstreamFailure[],
    failed: { code: ErrorCode; error: unknown } | undefined,
  ): void {
    this.events.emit('onOutcome', {
      upstream: this.name,
      route: call.route,
      ok: failed === undefined,
      attempts,
      recovered: failed === undefined && attempts > 1,
      metTransientFailure: failures.some((f) => f.transient),
      ...failed,
    });
  }

  private readonly onCircuitChange = ({ from, to, openForMs }: CircuitChange): void => {
    this.events.emit('onCircuitChange', { upstream: this.name, from, to, ...(openForMs !== undefined && { openForMs }) });
  };
}
