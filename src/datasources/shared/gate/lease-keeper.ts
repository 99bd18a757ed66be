import type winston from 'winston';
import { describeError } from '../../../logging/logger';
import type { Clock, Timer } from '../clock';
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
  private timer: Timer | undefined;

  constructor(
    private readonly store: GateStore,
    private readonly leaseTtlMs: number,
    private readonly clock: Clock,
    private readonly logger: winston.Logger,
  ) {}

  keep(leaseId: string): void {
    this.leases.add(leaseId);
    if (!this.timer) this.arm();
  }

  drop(leaseId: string): void {
    this.leases.delete(leaseId);
    if (this.leases.size > 0 || !this.timer) return;
    this.timer.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    const everyMs = Math.max(1, Math.floor(this.leaseTtlMs / RENEWALS_PER_TTL));
    // A held lease means an exchange in flight, which keeps the process alive by itself.
    this.timer = this.clock.schedule(everyMs, this.renewAll, { unref: true });
  }

  private readonly renewAll = (): void => {
    this.timer = undefined;
    for (const leaseId of this.leases) {
      this.store.renew(leaseId, this.leaseTtlMs, this.clock.now()).then(
        (renewed) => {
          // Gone while still held here: it expired (renewals failed for a whole TTL), so another holder may be in.
          if (renewed || !this.leases.delete(leaseId)) return;
          this.logger.error('gate lease lost while its exchange was still in flight');
        },
        (error: unknown) => this.logger.warn('gate lease renewal failed', { error: describeError(error) }),
      );
    }
    if (this.leases.size > 0) this.arm();
  };
}
