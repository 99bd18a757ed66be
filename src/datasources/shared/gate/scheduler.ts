import type winston from 'winston';
import type { Deadline } from '../deadline';
import { describeError } from '../../../logging/logger';
import { LocalRejection } from '../local-rejection';
import type { Cost } from '../upstream';
import { abortedFailure, type UpstreamName } from '../upstream-failure';
import { accumulate, DIMENSIONS } from './cost';
import type { AcquireResult, GateStore } from './gate-store';
import { LeaseKeeper } from './lease-keeper';
import { estimateWaitMs } from './wait-estimate';

/** Weight of the newest sample in the running averages: follows a change within ~10 attempts, shrugs off one outlier. */
const EWMA_WEIGHT = 0.2;

export interface GateSchedulerOptions {
  upstream: UpstreamName;
  store: GateStore;
  /** Calls that may wait in this process; 0 = never wait, refuse when the gate is not free. */
  queueMax: number;
  queueMaxWaitMs: number;
  /** Lease TTL handed to the store; held leases are renewed every third of it. */
  leaseTtlMs: number;
  /** Longest a blocked head waits before asking the store again (capacity may free up in other processes). */
  pollIntervalMs: number;
  logger: winston.Logger;
}

/** A granted reservation: a concurrency slot plus the call's cost, held for one attempt. */
export interface Permit {
  /** Time spent queued before the grant. */
  readonly waitedMs: number;
  /** Records what the attempt really consumed, per dimension (dimensions left out count as reserved). */
  settle(actual: Cost): void;
  /**
   * Ends the lease and refunds the unused reservation: what `settle` reported; for unsettled dimensions
   * nothing if the attempt may have reached the upstream, everything if it provably did not.
   */
  release(reachedUpstream: boolean): void;
  /**
   * The exchange may outlive its caller until `untilMs` (the slot ceiling). A close() meanwhile keeps the
   * lease until then instead of releasing it: the upstream may still be working on the request.
   */
  keepThrough(untilMs: number): void;
}

interface Waiter {
  cost: Cost;
  deadline: Deadline;
  enqueuedAt: number;
  /** Granted, refused or abandoned: no longer in the queue. */
  done: boolean;
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  onAbort(): void;
}

class GatePermit implements Permit {
  actual: Cost | undefined;
  keptUntil: number | undefined;
  private released = false;

  constructor(
    readonly leaseId: string,
    readonly cost: Cost,
    readonly grantedAt: number,
    readonly waitedMs: number,
    private readonly end: (permit: GatePermit, reachedUpstream: boolean) => Promise<void>,
  ) {}

  settle(actual: Cost): void {
    this.actual = this.actual ? { ...this.actual, ...actual } : actual;
  }

  release(reachedUpstream: boolean): void {
    void this.releaseOnce(reachedUpstream);
  }

  keepThrough(untilMs: number): void {
    this.keptUntil = untilMs;
  }

  releaseOnce(reachedUpstream: boolean): Promise<void> {
    if (this.released) return Promise.resolve();
    this.released = true;
    return this.end(this, reachedUpstream);
  }

  refund(reachedUpstream: boolean): Cost {
    const refund: Cost = {};
    for (const dimension of DIMENSIONS) {
      const reserved = this.cost[dimension] ?? 0;
      const actual = this.actual?.[dimension];
      if (actual !== undefined) refund[dimension] = reserved - actual;
      else if (!reachedUpstream && reserved) refund[dimension] = reserved;
    }
    return refund;
  }
}

/**
 * The per-process half of the gate: a bounded FIFO queue in front of a `GateStore`. Only the head asks the
 * store, so a large token reservation at the head is never starved by small ones behind it. The head waits
 * for a local release (instant wake-up) or the store's `retryInMs` hint, polled at most every
 * `pollIntervalMs`, because with a shared store capacity frees up in other processes without telling us.
 * When the gate has capacity no timer is created: the grant happens within a few microtasks.
 */
export class GateScheduler {
  private readonly queue: Waiter[] = [];
  private readonly queuedDemand: Cost = {};
  private readonly inFlightReserved: Cost = {};
  private readonly usageRatio: Cost = {};
  private readonly held = new Set<GatePermit>();
  /** The head while the store decides on it (out of `queue` meanwhile). */
  private trying: Waiter | undefined;
  private serviceMs: number | undefined;
  private pumping = false;
  private pumpAgain = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private closed = false;
  private readonly keeper: LeaseKeeper;

  constructor(private readonly options: GateSchedulerOptions) {
    this.keeper = new LeaseKeeper(options.store, options.leaseTtlMs, options.logger);
  }

  get queued(): number {
    return this.queue.length + (this.trying ? 1 : 0);
  }

  get inFlight(): number {
    return this.held.size;
  }

  /**
   * Resolves with a permit once the slot and the cost are reserved. Rejects with a `LocalRejection` when the
   * queue is full or the wait cannot fit the deadline, and with an 'aborted' `UpstreamFailure` when the
   * deadline's signal fires while queued (the waiter leaves the queue at once).
   */
  acquire(cost: Cost, deadline: Deadline): Promise<Permit> {
    if (this.closed) return Promise.reject(new LocalRejection('shutting_down', undefined, 'gate closed'));
    if (deadline.signal.aborted) return Promise.reject(abortedFailure(this.options.upstream, deadline.signal, 'no'));
    const now = Date.now();
    // With nobody waiting the head's own try is the cheapest answer; an estimate only pays off behind others.
    const refusal = this.queue.length > 0 ? this.refusalForNewcomer(cost, deadline, now) : undefined;
    if (refusal) return Promise.reject(refusal);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { cost, deadline, enqueuedAt: now, done: false, resolve, reject, onAbort: () => this.abandon(waiter) };
      deadline.signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      accumulate(this.queuedDemand, cost, 1);
      void this.pump();
    });
  }

  /**
   * Refuses every waiter and new call, and releases the leases this process still holds, except those of
   * exchanges the upstream may still be working on: they stay leased until their ceiling, unrenewed, so no
   * other instance sends meanwhile; an answer before that still releases them.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelWake();
    const waiters = this.trying ? [this.trying, ...this.queue] : [...this.queue];
    for (const waiter of waiters) this.refuse(waiter, new LocalRejection('shutting_down', undefined, 'gate closed'));
    await Promise.all([...this.held].map((permit) => (permit.keptUntil === undefined ? permit.releaseOnce(true) : this.pin(permit))));
  }

  private async pin(permit: GatePermit): Promise<void> {
    this.keeper.drop(permit.leaseId);
    const now = Date.now();
    try {
      await this.options.store.renew(permit.leaseId, Math.max(0, (permit.keptUntil ?? now) - now), now);
    } catch (error) {
      this.options.logger.error('gate lease could not be kept until its ceiling', { error: describeError(error) });
    }
  }

  private refusalForNewcomer(cost: Cost, deadline: Deadline, now: number): LocalRejection | undefined {
    const store = this.options.store.snapshot(now);
    const wait = this.estimateWaitMs(cost, now, store);
    // Waiters that free slots will take at once are not waiting: a burst of simultaneous arrivals must not
    // count them against the queue (an approximation when a budget, not a slot, holds them).
    const waiting = this.queue.length - Math.max(0, store.maxConcurrency - store.leased);
    if (waiting >= this.options.queueMax) {
      return new LocalRejection('queue_full', wait, `queue full (${waiting} waiting)`);
    }
    // Starting just before the deadline is useless: the attempt itself needs about one service time.
    if (wait > this.options.queueMaxWaitMs || wait + (this.serviceMs ?? 0) > deadline.remainingMs()) {
      return new LocalRejection('wait_too_long', wait, `estimated wait ${wait} ms exceeds the time left`);
    }
    return undefined;
  }

  /** Estimated wait for a call of `cost` joining the queue now. */
  private estimateWaitMs(cost: Cost, now: number, store = this.options.store.snapshot(now)): number {
    return estimateWaitMs({
      now,
      store,
      ahead: this.queue.length,
      demandAhead: this.queuedDemand,
      cost,
      serviceMs: this.serviceMs ?? 0,
      usageRatio: this.usageRatio,
      inFlightReserved: this.inFlightReserved,
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        await this.admitFromHead();
      } while (this.pumpAgain);
    } catch (error) {
      this.options.logger.error('gate scheduler failed', { error: describeError(error) });
    } finally {
      this.pumping = false;
    }
  }

  private async admitFromHead(): Promise<void> {
    for (;;) {
      this.refuseOverdue(Date.now());
      // The head leaves the queue while the store decides, so that arrivals meanwhile do not count it as waiting.
      const head = this.queue.shift();
      if (!head) return this.cancelWake();
      this.trying = head;
      let result: AcquireResult;
      try {
        result = await this.options.store.tryAcquire(head.cost, Date.now(), this.options.leaseTtlMs);
      } catch (error) {
        this.refuse(head, error);
        continue;
      } finally {
        this.trying = undefined;
      }
      if (head.done) {
        // Abandoned while the store answered: hand back what was just granted.
        if (result.ok) await this.releaseLease(result.leaseId, head.cost);
        continue;
      }
      if (result.ok) {
        this.grant(head, result.leaseId);
        continue;
      }
      const now = Date.now();
      const refusal = this.refusalForBlockedHead(head, result, now);
      if (refusal) {
        this.refuse(head, refusal);
        continue;
      }
      this.queue.unshift(head);
      const giveUpIn = head.enqueuedAt + this.options.queueMaxWaitMs - now;
      this.scheduleWake(Math.min(result.retryInMs, this.options.pollIntervalMs, giveUpIn));
      return;
    }
  }

  private refusalForBlockedHead(head: Waiter, result: Extract<AcquireResult, { ok: false }>, now: number): LocalRejection | undefined {
    if (result.reason === 'too_large') {
      return new LocalRejection('cost_too_large', undefined, `cost ${JSON.stringify(head.cost)} exceeds a whole budget window`);
    }
    if (this.options.queueMax === 0) return new LocalRejection('queue_full', result.retryInMs, 'queueing disabled');
    if (result.reason === 'concurrency') return undefined; // no exact ETA: wait for a release or the poll
    const timeLeft = Math.min(head.deadline.remainingMs(now), head.enqueuedAt + this.options.queueMaxWaitMs - now);
    if (result.retryInMs <= timeLeft) return undefined;
    return result.reason === 'paused'
      ? new LocalRejection('paused', result.retryInMs, `gate paused for ${result.retryInMs} ms`)
      : new LocalRejection('wait_too_long', result.retryInMs, `budget refills in ${result.retryInMs} ms`);
  }

  /** Waiters past the queue's maximum wait leave with UPSTREAM_BUSY; FIFO puts the oldest first. */
  private refuseOverdue(now: number): void {
    for (let head = this.queue[0]; head && head.enqueuedAt + this.options.queueMaxWaitMs <= now; head = this.queue[0]) {
      const wait = this.estimateWaitMs(head.cost, now);
      this.refuse(head, new LocalRejection('wait_too_long', wait, `waited ${now - head.enqueuedAt} ms in the queue`));
    }
  }

  private grant(head: Waiter, leaseId: string): void {
    this.leave(head);
    const now = Date.now();
    const permit = new GatePermit(leaseId, head.cost, now, now - head.enqueuedAt, this.endPermit);
    this.held.add(permit);
    this.keeper.keep(leaseId);
    accumulate(this.inFlightReserved, head.cost, 1);
    head.resolve(permit);
  }

  private refuse(waiter: Waiter, error: unknown): void {
    this.leave(waiter);
    waiter.reject(error);
  }

  private abandon(waiter: Waiter): void {
    if (waiter.done) return;
    const wasHead = this.queue[0] === waiter;
    this.refuse(waiter, abortedFailure(this.options.upstream, waiter.deadline.signal, 'no'));
    // The head may have blocked the ones behind it (a large reservation): let them try now.
    if (wasHead) void this.pump();
  }

  private leave(waiter: Waiter): void {
    waiter.done = true;
    const index = this.queue.indexOf(waiter);
    if (index >= 0) this.queue.splice(index, 1);
    accumulate(this.queuedDemand, waiter.cost, -1);
    waiter.deadline.signal.removeEventListener('abort', waiter.onAbort);
  }

  private readonly endPermit = (permit: GatePermit, reachedUpstream: boolean): Promise<void> => {
    this.held.delete(permit);
    this.keeper.drop(permit.leaseId);
    accumulate(this.inFlightReserved, permit.cost, -1);
    this.learnFrom(permit, Date.now());
    return this.releaseLease(permit.leaseId, permit.refund(reachedUpstream));
  };

  private learnFrom(permit: GatePermit, now: number): void {
    const duration = now - permit.grantedAt;
    this.serviceMs = this.serviceMs === undefined ? duration : this.serviceMs + EWMA_WEIGHT * (duration - this.serviceMs);
    if (!permit.actual) return;
    for (const dimension of DIMENSIONS) {
      const reserved = permit.cost[dimension];
      const actual = permit.actual[dimension];
      if (!reserved || actual === undefined) continue;
      const previous = this.usageRatio[dimension] ?? 1;
      this.usageRatio[dimension] = previous + EWMA_WEIGHT * (Math.min(1, actual / reserved) - previous);
    }
  }

  private async releaseLease(leaseId: string, refund: Cost): Promise<void> {
    try {
      await this.options.store.release(leaseId, refund, Date.now());
    } catch (error) {
      // The lease expires by its TTL; only the refund is lost.
      this.options.logger.error('gate lease release failed', { error: describeError(error) });
    }
    void this.pump();
  }

  private scheduleWake(delayMs: number): void {
    const delay = Math.max(0, delayMs);
    const at = Date.now() + delay;
    if (this.wakeTimer && this.wakeAt <= at) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(this.onWake, delay);
  }

  private readonly onWake = (): void => {
    this.wakeTimer = undefined;
    this.wakeAt = Infinity;
    void this.pump();
  };

  private cancelWake(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeAt = Infinity;
  }
}
