import type winston from 'winston';
import { describeError } from '../../../logging/logger';
import type { Clock } from '../clock';
import type { Cost } from '../upstream';
import { accumulate } from './cost';
import type { GateStore } from './gate-store';
import { LeaseKeeper } from './lease-keeper';
import { GatePermit } from './permit';
import type { WaitModel } from './wait-estimate';

export interface HeldLeasesOptions {
  store: GateStore;
  leaseTtlMs: number;
  clock: Clock;
  logger: winston.Logger;
  /** Learns each permit's holding time and usage when it ends. */
  waitModel: WaitModel;
  /** After every release: a waiter may be granted now. */
  onReleased(): void;
}

/**
 * The lease accounting of one process: the permits it holds, what they reserve while in flight, their
 * renewal, and how each ends (released with its refund; on close, kept until its ceiling when the upstream
 * may still be working on it).
 */
export class HeldLeases {
  /** What the running attempts reserve, per dimension; their unused share comes back when they end. */
  readonly reserved: Cost = {};
  private readonly held = new Set<GatePermit>();
  /** Releases on their way to the store: a close waits for them before the store's connection goes. */
  private readonly releasing = new Set<Promise<void>>();
  private readonly onEnded = new Set<() => void>();
  private readonly keeper: LeaseKeeper;

  constructor(private readonly options: HeldLeasesOptions) {
    this.keeper = new LeaseKeeper(options.store, options.leaseTtlMs, options.clock, options.logger);
  }

  get size(): number {
    return this.held.size;
  }

  grant(leaseId: string, cost: Cost, waitedMs: number): GatePermit {
    const permit = new GatePermit(leaseId, cost, this.options.clock.now(), waitedMs, this.end);
    this.held.add(permit);
    this.keeper.keep(leaseId);
    accumulate(this.reserved, cost, 1);
    return permit;
  }

  /** Hands a lease back to the store (also one granted to a waiter that had left meanwhile). */
  async release(leaseId: string, refund: Cost): Promise<void> {
    try {
      await this.options.store.release(leaseId, refund, this.options.clock.now());
    } catch (error) {
      // The lease expires by its TTL; only the refund is lost.
      this.options.logger.error('gate lease release failed', { error: describeError(error) });
    }
    this.options.onReleased();
  }

  /**
   * Releases every lease, except those of exchanges the upstream may still be working on. Those get up to
   * `settleMs` to be answered (the usual case: a shutdown cut a batch whose answer is a moment away), and are
   * then released as answered; one still in flight after that stays leased until its ceiling, unrenewed, so no
   * other instance sends meanwhile. Resolves once every release reached the store.
   */
  async closeAll(settleMs = 0): Promise<void> {
    const inFlight = [...this.held].filter((permit) => permit.keptUntil !== undefined);
    if (inFlight.length > 0 && settleMs > 0) await this.untilEnded(inFlight, settleMs);
    await Promise.all([...this.held].map((permit) => (permit.keptUntil === undefined ? permit.releaseOnce(true) : this.pin(permit))));
    await Promise.all(this.releasing);
  }

  /** Resolves when none of `permits` is held any more, or after `ms`. */
  private untilEnded(permits: readonly GatePermit[], ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        timer.cancel();
        this.onEnded.delete(check);
        resolve();
      };
      const check = () => {
        if (permits.every((permit) => !this.held.has(permit))) finish();
      };
      const timer = this.options.clock.schedule(ms, finish, { unref: true });
      this.onEnded.add(check);
      check();
    });
  }

  private async pin(permit: GatePermit): Promise<void> {
    this.keeper.drop(permit.leaseId);
    const now = this.options.clock.now();
    try {
      await this.options.store.renew(permit.leaseId, Math.max(0, (permit.keptUntil ?? now) - now), now);
    } catch (error) {
      this.options.logger.error('gate lease could not be kept until its ceiling', { error: describeError(error) });
    }
  }

  private readonly end = (permit: GatePermit, reachedUpstream: boolean): Promise<void> => {
    this.held.delete(permit);
    this.keeper.drop(permit.leaseId);
    accumulate(this.reserved, permit.cost, -1);
    this.options.waitModel.learn(permit, this.options.clock.now());
    const released: Promise<void> = this.release(permit.leaseId, permit.refund(reachedUpstream)).finally(() =>
      this.releasing.delete(released),
    );
    this.releasing.add(released);
    for (const listener of [...this.onEnded]) listener();
    return released;
  };
}
