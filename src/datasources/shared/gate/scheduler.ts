import type winston from 'winston';
import { describeError } from '../../../logging/logger';
import type { Clock } from '../clock';
import type { Deadline } from '../deadline';
import { LocalRejection } from '../local-rejection';
import type { Cost, QueueReport } from '../upstream';
import { abortedFailure, type UpstreamName } from '../upstream-failure';
import { accumulate } from './cost';
import type { AcquireResult, GateStore } from './gate-store';
import { HeldLeases } from './held-leases';
import type { Permit } from './permit';
import { Pump } from './pump';
import { WaitModel } from './wait-estimate';

export type { Permit } from './permit';

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
  clock: Clock;
  logger: winston.Logger;
}

interface Waiter {
  cost: Cost;
  deadline: Deadline;
  enqueuedAt: number;
  /** Granted, refused or abandoned: no longer in the queue. */
  done: boolean;
  onQueued: ((report: QueueReport) => void) | undefined;
  /** The position last reported to `onQueued`. */
  reported?: number;
  /** The store refused it as the head: from then on it, and everyone behind it, is really waiting. */
  blocked?: boolean;
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  onAbort(): void;
}

const closedGate = () => new LocalRejection('shutting_down', undefined, 'gate closed');

/**
 * The per-process half of the gate: a bounded FIFO queue in front of a `GateStore`. Only the head asks the
 * store, so a large token reservation at the head is never starved by small ones behind it. The head waits
 * for a local release (instant wake-up) or the store's `retryInMs` hint, polled at most every
 * `pollIntervalMs`, because with a shared store capacity frees up in other processes without telling us.
 * When the gate has capacity no timer is created: the grant happens within a few microtasks.
 * The pump (when to try), the lease accounting (what is held) and the wait model (how long a wait would be)
 * live in their own files; this one owns the queue and the admission decisions.
 */
export class GateScheduler {
  private readonly queue: Waiter[] = [];
  private readonly queuedDemand: Cost = {};
  /** The head while the store decides on it (out of `queue` meanwhile). */
  private trying: Waiter | undefined;
  private closed = false;
  private readonly waitModel = new WaitModel();
  private readonly leases: HeldLeases;
  private readonly pump: Pump;

  constructor(private readonly options: GateSchedulerOptions) {
    const { store, leaseTtlMs, clock, logger } = options;
    this.pump = new Pump(clock, () => this.admitFromHead().finally(() => this.reportPositions()), logger);
    this.leases = new HeldLeases({ store, leaseTtlMs, clock, logger, waitModel: this.waitModel, onReleased: () => this.pump.kick() });
  }

  get queued(): number {
    return this.queue.length + (this.trying ? 1 : 0);
  }

  get inFlight(): number {
    return this.leases.size;
  }

  /**
   * Resolves with a permit once the slot and the cost are reserved. Rejects with a `LocalRejection` when the
   * queue is full or the wait cannot fit the deadline, and with an 'aborted' `UpstreamFailure` when the
   * deadline's signal fires while queued (the waiter leaves the queue at once). `onQueued` hears the call's
   * position once the gate found it has to wait, and whenever it changes.
   */
  acquire(cost: Cost, deadline: Deadline, onQueued?: (report: QueueReport) => void): Promise<Permit> {
    if (this.closed) return Promise.reject(closedGate());
    if (deadline.signal.aborted) return Promise.reject(abortedFailure(this.options.upstream, deadline.signal, 'no'));
    const now = this.options.clock.now();
    // With nobody waiting the head's own try is the cheapest answer; an estimate only pays off behind others.
    const refusal = this.queue.length > 0 ? this.refusalForNewcomer(cost, deadline, now) : undefined;
    if (refusal) return Promise.reject(refusal);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { cost, deadline, enqueuedAt: now, done: false, onQueued, resolve, reject, onAbort: () => this.abandon(waiter) };
      deadline.signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      accumulate(this.queuedDemand, cost, 1);
      // Its position is told once the head was refused: a call granted at once never hears it was queued.
      this.pump.kick();
    });
  }

  /** Whether calls of these costs would all be granted at once now: nobody waits, and a free slot and the budget for each. */
  admitsNow(costs: readonly Cost[]): boolean {
    if (this.closed || this.queued > 0) return false;
    const now = this.options.clock.now();
    const store = this.options.store.snapshot(now);
    if (store.pausedUntil !== undefined && store.pausedUntil > now) return false;
    if (store.maxConcurrency - store.leased < costs.length) return false;
    const total: Cost = {};
    for (const cost of costs) accumulate(total, cost, 1);
    return store.budgets.every((budget) => (total[budget.dimension] ?? 0) <= budget.remaining);
  }

  /** Estimated wait for a call of `cost` joining the queue now. */
  estimateWaitMs(cost: Cost): number {
    const now = this.options.clock.now();
    return this.estimateWait({ cost, now, ahead: this.queued, demandAhead: this.demandOfAll() });
  }

  /**
   * Refuses every waiter and new call, and ends the leases this process holds, giving exchanges the upstream
   * is still working on up to `settleMs` to be answered (see HeldLeases.closeAll).
   */
  async close(settleMs = 0): Promise<void> {
    this.closed = true;
    this.pump.stop();
    const waiters = this.trying ? [this.trying, ...this.queue] : [...this.queue];
    for (const waiter of waiters) this.refuse(waiter, closedGate());
    await this.leases.closeAll(settleMs);
  }

  private refusalForNewcomer(cost: Cost, deadline: Deadline, now: number): LocalRejection | undefined {
    const store = this.options.store.snapshot(now);
    const wait = this.estimateWait({ cost, now, ahead: this.queue.length, demandAhead: this.queuedDemand }, store);
    // Waiters that free slots will take at once are not waiting: a burst of simultaneous arrivals must not
    // count them against the queue (an approximation when a budget, not a slot, holds them).
    const waiting = this.queue.length - Math.max(0, store.maxConcurrency - store.leased);
    if (waiting >= this.options.queueMax) {
      return new LocalRejection('queue_full', wait, `queue full (${waiting} waiting)`);
    }
    // Starting just before the deadline is useless: the attempt itself needs about one service time.
    if (wait > this.options.queueMaxWaitMs || wait + this.waitModel.typicalServiceMs > deadline.remainingMs(now)) {
      return new LocalRejection('wait_too_long', wait, `estimated wait ${wait} ms exceeds the time left`);
    }
    return undefined;
  }

  /** Estimated wait for a call of `cost` with `ahead` waiters (reserving `demandAhead`) in front of it. */
  private estimateWait(
    { cost, now, ahead, demandAhead }: { cost: Cost; now: number; ahead: number; demandAhead: Cost },
    store = this.options.store.snapshot(now),
  ): number {
    return this.waitModel.estimate({ now, store, ahead, demandAhead, cost, inFlightReserved: this.leases.reserved });
  }

  /** What every waiter reserves, the head the store is deciding on included. */
  private demandOfAll(): Cost {
    const demand: Cost = { ...this.queuedDemand };
    if (this.trying) accumulate(demand, this.trying.cost, 1);
    return demand;
  }

  /**
   * Tells each waiter that listens its position (1 = next), when it is new or changed: the head the store is
   * deciding on counts as ahead of everyone. The wait estimate comes with it; a change of estimate alone is not
   * reported, so a client sees one event per move, not one per pump run.
   */
  private reportPositions(): void {
    // Until the store refused the head, the queue is only passing through (a burst being granted).
    if (!this.queue[0]?.blocked || !this.queue.some((waiter) => waiter.onQueued)) return;
    const now = this.options.clock.now();
    const store = this.options.store.snapshot(now);
    const demandAhead: Cost = {};
    let ahead = 0;
    if (this.trying) {
      accumulate(demandAhead, this.trying.cost, 1);
      ahead = 1;
    }
    for (const waiter of this.queue) {
      const position = ahead + 1;
      if (waiter.onQueued && waiter.reported !== position) {
        waiter.reported = position;
        const waitMs = this.estimateWait({ cost: waiter.cost, now, ahead, demandAhead }, store);
        this.tell(waiter.onQueued, { position, waitMs });
      }
      ahead += 1;
      accumulate(demandAhead, waiter.cost, 1);
    }
  }

  private tell(onQueued: (report: QueueReport) => void, report: QueueReport): void {
    try {
      onQueued(report);
    } catch (error) {
      this.options.logger.error('queue position listener failed', { error: describeError(error) });
    }
  }

  /** Grants from the head while the store says yes; returns when the blocked head should try again. */
  private async admitFromHead(): Promise<number | undefined> {
    const { clock, store, leaseTtlMs, queueMaxWaitMs, pollIntervalMs } = this.options;
    for (;;) {
      this.refuseOverdue(clock.now());
      // The head leaves the queue while the store decides, so that arrivals meanwhile do not count it as waiting.
      const head = this.queue.shift();
      if (!head) return undefined;
      this.trying = head;
      let result: AcquireResult;
      try {
        result = await store.tryAcquire(head.cost, clock.now(), leaseTtlMs);
      } catch (error) {
        this.refuse(head, error);
        continue;
      } finally {
        this.trying = undefined;
      }
      if (head.done) {
        // Abandoned while the store answered: hand back what was just granted.
        if (result.ok) await this.leases.release(result.leaseId, head.cost);
        continue;
      }
      if (result.ok) {
        this.grant(head, result.leaseId);
        continue;
      }
      const now = clock.now();
      const refusal = this.refusalForBlockedHead(head, result, now);
      if (refusal) {
        this.refuse(head, refusal);
        continue;
      }
      head.blocked = true;
      this.queue.unshift(head);
      return Math.min(result.retryInMs, pollIntervalMs, head.enqueuedAt + queueMaxWaitMs - now);
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
      const wait = this.estimateWait({ cost: head.cost, now, ahead: this.queue.length, demandAhead: this.queuedDemand });
      this.refuse(head, new LocalRejection('wait_too_long', wait, `waited ${now - head.enqueuedAt} ms in the queue`));
    }
  }

  private grant(head: Waiter, leaseId: string): void {
    this.leave(head);
    head.resolve(this.leases.grant(leaseId, head.cost, this.options.clock.now() - head.enqueuedAt));
  }

  private refuse(waiter: Waiter, error: unknown): void {
    this.leave(waiter);
    waiter.reject(error);
  }

  private abandon(waiter: Waiter): void {
    if (waiter.done) return;
    const wasHead = this.queue[0] === waiter;
    this.refuse(waiter, abortedFailure(this.options.upstream, waiter.deadline.signal, 'no'));
    // The head may have blocked the ones behind it (a large reservation): let them try now. The pump reports the
    // new positions after its run; without one, they are reported here.
    if (wasHead) this.pump.kick();
    else this.reportPositions();
  }

  private leave(waiter: Waiter): void {
    waiter.done = true;
    const index = this.queue.indexOf(waiter);
    if (index >= 0) this.queue.splice(index, 1);
    accumulate(this.queuedDemand, waiter.cost, -1);
    waiter.deadline.signal.removeEventListener('abort', waiter.onAbort);
  }
}
