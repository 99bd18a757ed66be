import type winston from 'winston';
import type { ResilienceConfig } from '../../config';
import { BffError, type ErrorCode } from '../../errors';
import { describeError, logger as rootLogger } from '../../logging/logger';
import { recordRequestStats } from '../../logging/request-context';
import { abortableSleep } from './abortable-sleep';
import { runAttempt, type AttemptOutcome, type AttemptResult } from './attempt';
import { CircuitBreaker, type CircuitChange, type HealthVerdict } from './circuit-breaker';
import { Coalescer } from './coalescer';
import type { Deadline } from './deadline';
import { DEFAULT_COST } from './gate/cost';
import type { GateLimits, GateStore } from './gate/gate-store';
import { MemoryGateStore } from './gate/memory-gate-store';
import { GateScheduler, type Permit } from './gate/scheduler';
import { LocalRejection } from './local-rejection';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { retryDelayMs, shouldRetry, type BackoffSettings } from './retry-policy';
import { internalError, toBffError } from './to-bff-error';
import type { Upstream, UpstreamCall, UpstreamStatusSnapshot } from './upstream';
import { UpstreamEvents, type UpstreamListener } from './upstream-events';
import { abortedFailure, UpstreamFailure, type FailureClass, type UpstreamName } from './upstream-failure';

/** A blocked head asks the store again at least this often (a shared store frees capacity without telling us). */
const DEFAULT_POLL_INTERVAL_MS = 250;
const NO_FAILURES: readonly UpstreamFailure[] = Object.freeze([]);

/**
 * Whether the attempt counted against the upstream's quota. An answer with a status (even a 429 or an
 * E_TOO_MANY_REQUESTS, which did not act on the request) was received and counted, so its reservation is
 * not refunded; only a request that never arrived (connection refused) gives its budget back.
 */
function reachedUpstream(outcome: AttemptOutcome<unknown>): boolean {
  return !(outcome.kind === 'failed' && outcome.failure.delivery === 'no' && outcome.failure.status === undefined);
}
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
  private readonly log: winston.Logger;
  private readonly store: GateStore;
  private readonly scheduler: GateScheduler;
  private readonly circuit: CircuitBreaker;
  private readonly coalescer = new Coalescer();
  private readonly events: UpstreamEvents;
  private readonly backoff: BackoffSettings;
  private readonly rateLimitPauseMs: number;
  private lastError: { failureClass: FailureClass; at: Date } | undefined;

  constructor(private readonly options: UpstreamRuntimeOptions) {
    this.name = options.name;
    this.displayName = options.displayName;
    this.log = rootLogger.child({ component: 'upstream', upstream: options.name });
    const { store } = options;
    this.store = typeof store === 'function' ? store(options.limits) : (store ?? new MemoryGateStore(options.limits));
    this.scheduler = new GateScheduler({
      upstream: options.name,
      store: this.store,
      queueMax: options.resilience.queueMax,
      queueMaxWaitMs: options.resilience.queueMaxWaitMs,
      leaseTtlMs: options.resilience.leaseTtlMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      logger: this.log,
    });
    this.circuit = new CircuitBreaker(options.resilience.circuit, this.onCircuitChange);
    this.events = new UpstreamEvents(options.listeners ?? [], this.log);
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

  status(): UpstreamStatusSnapshot {
    const now = Date.now();
    const store = this.store.snapshot(now);
    const { budgets } = this.options.limits;
    const { resilience } = this.options;
    return {
      name: this.name,
      queued: this.scheduler.queued,
      inFlight: this.scheduler.inFlight,
      limits: {
        maxConcurrency: store.maxConcurrency,
        ...(budgets.requests !== undefined && { requestsPerMinute: budgets.requests }),
        ...(budgets.input_tokens !== undefined && { inputTokensPerMinute: budgets.input_tokens }),
        ...(budgets.output_tokens !== undefined && { outputTokensPerMinute: budgets.output_tokens }),
        queueMax: resilience.queueMax,
        queueMaxWaitMs: resilience.queueMaxWaitMs,
        maxAttempts: resilience.maxAttempts,
      },
      budgets: store.budgets.map((b) => ({
        dimension: b.dimension,
        limit: Math.floor(b.limit),
        remaining: Math.max(0, Math.floor(b.remaining)),
        ...(b.upstreamRemaining !== undefined && { upstreamRemaining: b.upstreamRemaining }),
        ...(b.upstreamResetAt !== undefined && { upstreamResetAt: new Date(b.upstreamResetAt) }),
      })),
      circuit: this.circuit.stateAt(now),
      ...(store.pausedUntil !== undefined && { pausedUntil: new Date(store.pausedUntil) }),
      ...(this.lastError && { lastErrorClass: this.lastError.failureClass, lastErrorAt: this.lastError.at }),
    };
  }

  close(): Promise<void> {
    return this.scheduler.close();
  }

  /** The one retry owner: every attempt re-enters the circuit and the gate; the result or a BffError comes out. */
  private async executeWithRetries<T>(call: UpstreamCall<T>, deadline: Deadline): Promise<T> {
    const failures: UpstreamFailure[] = [];
    let attempt = 0;
    try {
      for (;;) {
        attempt += 1;
        const outcome = await this.attempt(call, deadline, attempt, failures);
        if (outcome.kind === 'ok') {
          this.emitOutcome(call, attempt, failures, undefined);
          return outcome.value;
        }
        if (outcome.kind === 'unexpected') throw outcome.error;
        const failure = outcome.failure;
        failures.push(failure);
        if (!shouldRetry(call.retry, failure) || attempt >= this.options.resilience.maxAttempts) throw failure;
        // A hint beyond the cap is not waited out: the caller gets it (UPSTREAM_RATE_LIMITED) and decides.
        if ((failure.retryAfterMs ?? 0) > this.options.resilience.maxRetryAfterMs) throw failure;
        const delayMs = retryDelayMs(attempt, failure, this.backoff);
        // Sleeping into the deadline only to fail later helps nobody: report the failure now.
        if (delayMs >= deadline.remainingMs()) throw failure;
        recordRequestStats({ retries: 1 });
        await abortableSleep(delayMs, deadline.signal).catch(() => {
          throw abortedFailure(this.name, deadline.signal, 'no');
        });
      }
    } catch (error) {
      const bffError = this.translate(error, call.route, attempt);
      this.emitOutcome(call, attempt, failures, bffError.code);
      throw bffError;
    }
  }

  private async attempt<T>(
    call: UpstreamCall<T>,
    deadline: Deadline,
    attempt: number,
    previousFailures: readonly UpstreamFailure[],
  ): Promise<AttemptOutcome<T>> {
    const blockedMs = this.circuit.blockedForMs(Date.now());
    if (blockedMs > 0) throw new LocalRejection('circuit_open', blockedMs, 'circuit open');
    const permit = await this.scheduler.acquire(call.cost ?? DEFAULT_COST, deadline);
    if (permit.waitedMs > 0) recordRequestStats({ queueWaitMs: permit.waitedMs });
    // Every grant, waits of 0 included: a wait histogram without them would overstate every percentile.
    if (this.events.active) this.events.emit('onQueueWait', { upstream: this.name, route: call.route, waitedMs: permit.waitedMs });
    // Asked again after the wait: the circuit may have opened meanwhile, and a HALF_OPEN probe is only spent
    // by a call that holds a slot.
    const ticket = this.circuit.admit(Date.now());
    if (!ticket) {
      permit.release(false);
      throw new LocalRejection('circuit_open', this.circuit.blockedForMs(Date.now()), 'circuit opened while queued');
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
    });
    const { outcome, detached } = result;
    this.circuit.record(ticket, verdictOf(outcome), Date.now());
    // Before the release: the next waiter must not be granted ahead of a pause this failure calls for.
    if (outcome.kind === 'failed') this.learnFromFailure(outcome.failure);
    if (detached) void detached.then((late) => this.endDetached(call.route, attempt, permit, late));
    else permit.release(reachedUpstream(outcome));
    this.reportAttempt(call, attempt, result);
    return outcome;
  }

  /** The upstream answered (or the ceiling passed) after the caller stopped waiting: only now is the slot free. */
  private endDetached(route: string, attempt: number, permit: Permit, late: AttemptOutcome<unknown>): void {
    if (late.kind === 'failed') this.learnFromFailure(late.failure);
    permit.release(reachedUpstream(late));
    if (this.log.isDebugEnabled()) {
      const outcome = late.kind === 'failed' ? late.failure.failureClass : late.kind;
      this.log.debug('upstream exchange ended after its caller stopped waiting', { route, attempt, outcome });
    }
  }

  /**
   * A retry-after (or a bare 429) stops the WHOLE gate, not just this call: every other call would hit it too.
   * Never longer than the cap: a runaway hint (a proxy's, a daily cap's) must not stop every call for hours.
   */
  private learnFromFailure(failure: UpstreamFailure): void {
    const now = Date.now();
    // A caller giving up says nothing about the upstream; the status page shows upstream trouble only.
    if (failure.failureClass !== 'aborted') this.lastError = { failureClass: failure.failureClass, at: new Date(now) };
    const hintMs = failure.retryAfterMs ?? (RATE_LIMIT_CLASSES.has(failure.failureClass) ? this.rateLimitPauseMs : undefined);
    const pauseMs = hintMs === undefined ? undefined : Math.min(hintMs, this.options.resilience.maxRetryAfterMs);
    if (pauseMs) this.storeCall(this.store.pauseUntil(now + pauseMs));
  }

  private readonly observeRateLimitHeaders = (get: (name: string) => string | null | undefined): void => {
    const reports = parseRateLimitHeaders(get);
    const now = Date.now();
    for (const [dimension, report] of reports) this.storeCall(this.store.correct(dimension, report, now));
  };

  private storeCall(pending: Promise<void>): void {
    pending.catch((error: unknown) => this.log.error('gate store update failed', { error: describeError(error) }));
  }

  private reportAttempt<T>(call: UpstreamCall<T>, attempt: number, result: AttemptResult<T>): void {
    const { outcome, durationMs, upstreamRequestId } = result;
    const failure = outcome.kind === 'failed' ? outcome.failure : undefined;
    if (outcome.kind === 'ok') {
      if (this.log.isDebugEnabled()) this.log.debug('upstream attempt', { route: call.route, attempt, durationMs, upstreamRequestId });
    } else if (failure) {
      this.log.warn('upstream attempt failed', {
        route: call.route,
        attempt,
        durationMs,
        failureClass: failure.failureClass,
        status: failure.status,
        upstreamCode: failure.upstreamCode,
        delivery: failure.delivery,
        retryAfterMs: failure.retryAfterMs,
        upstreamRequestId: upstreamRequestId ?? failure.upstreamRequestId,
        error: failure.message,
      });
    }
    if (!this.events.active) return;
    this.events.emit('onAttempt', {
      upstream: this.name,
      route: call.route,
      attempt,
      durationMs,
      outcome: outcome.kind === 'ok' ? 'ok' : (failure?.failureClass ?? 'unexpected'),
      ...(failure?.status !== undefined && { status: failure.status }),
    });
  }

  /** Everything that leaves `execute` goes through here: a BffError from the closed set, logged once. */
  private translate(error: unknown, route: string, attempts: number): BffError {
    if (error instanceof BffError) return error;
    if (error instanceof UpstreamFailure) {
      const bffError = toBffError(error, this.displayName);
      if (error.failureClass === 'auth' || error.failureClass === 'forbidden') {
        this.log.error(`${this.displayName} refused our credentials: check its API key and permissions`, {
          route,
          status: error.status,
          failureClass: error.failureClass,
        });
      } else {
        this.log.info('upstream call gave up', { route, attempts, failureClass: error.failureClass, code: bffError.code });
      }
      return bffError;
    }
    if (error instanceof LocalRejection) {
      const level = error.kind === 'cost_too_large' ? 'error' : 'warn';
      const { kind, retryAfterMs, message } = error;
      this.log.log(level, 'upstream call refused locally', { route, kind, retryAfterMs, reason: message });
      return toBffError(error, this.displayName);
    }
    this.log.error('upstream call failed unexpectedly', { route, error: describeError(error) });
    return internalError(error);
  }

  private emitOutcome<T>(
    call: UpstreamCall<T>,
    attempts: number,
    failures: readonly UpstreamFailure[],
    code: ErrorCode | undefined,
  ): void {
    if (!this.events.active) return;
    this.events.emit('onOutcome', {
      upstream: this.name,
      route: call.route,
      ok: code === undefined,
      attempts,
      recovered: code === undefined && attempts > 1,
      metTransientFailure: failures.some((f) => f.transient),
      ...(code !== undefined && { code }),
    });
  }

  private readonly onCircuitChange = ({ from, to, openForMs }: CircuitChange): void => {
    if (to === 'OPEN') this.log.warn(`${this.displayName} circuit opened: failing fast`, { from, openForMs });
    else this.log.info(`${this.displayName} circuit ${to === 'CLOSED' ? 'closed' : 'half-open: probing'}`, { from });
    if (this.events.active) this.events.emit('onCircuitChange', { upstream: this.name, from, to });
  };
}

/** Only the upstream's own ill health counts against the circuit; quota and input answers show it is alive. */
function verdictOf(outcome: AttemptOutcome<unknown>): HealthVerdict {
  if (outcome.kind === 'ok') return 'healthy';
  if (outcome.kind === 'unexpected' || outcome.failure.failureClass === 'aborted') return 'neutral';
  return outcome.failure.unhealthy ? 'unhealthy' : 'healthy';
}
