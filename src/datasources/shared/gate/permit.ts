import type { Cost } from '../upstream';
import { DIMENSIONS } from './cost';

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

/** A permit as the gate keeps it: its lease, its reservation, what it really used; ended once. */
export class GatePermit implements Permit {
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
