import type winston from 'winston';
import { describeError } from '../../../logging/logger';
import type { GateStore } from './gate-store';

/** Renewals per TTL: a lease survives two missed renewals in a row (a Redis reconnect, a stalled event loop). */
const RENEWALS_PER_TTL = 3;

/**
 * Keeps the leases this process holds alive: every lease is renewed each third of its TTL for as long as it
 * is held. So the TTL can stay short (a crashed holder's slot frees itself soon) while an exchange that takes
 * longer than the TTL (a slow Woodpecker answer) still never lets a second holder in.
 */
export class LeaseKeeper {
  private readonly leases = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: GateStore,
    private readonly leaseTtlMs: number,
    private readonly logger: winston.Logger,
  ) {}

  keep(leaseId: string): void {
    this.leases.add(leaseId);
    if (this.timer) return;
    this.timer = setInterval(this.renewAll, Math.max(1, Math.floor(this.leaseTtlMs / RENEWALS_PER_TTL)));
    // A held lease means an exchange in flight, which keeps the process alive by itself.
    this.timer.unref();
  }

  drop(leaseId: string): void {
    this.leases.delete(leaseId);
    if (this.leases.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private readonly renewAll = (): void => {
    for (const leaseId of this.leases) {
      this.store.renew(leaseId, this.leaseTtlMs, Date.now()).then(
        (renewed) => {
          // Gone while still held here: it expired (renewals failed for a whole TTL), so another holder may be in.
          if (renewed || !this.leases.delete(leaseId)) return;
          this.logger.error('gate lease lost while its exchange was still in flight');
        },
        (error: unknown) => this.logger.warn('gate lease renewal failed', { error: describeError(error) }),
      );
    }
  };
}
