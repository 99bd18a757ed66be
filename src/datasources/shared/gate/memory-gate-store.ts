import type { BudgetDimension, Cost } from '../upstream';
import type { AcquireResult, BudgetSnapshot, GateLimits, GateStore, GateStoreSnapshot, UpstreamBudgetReport } from './gate-store';
import { TokenBucket } from './token-bucket';

interface Lease {
  expiresAt: number;
}

interface Budget {
  dimension: BudgetDimension;
  bucket: TokenBucket;
  upstreamRemaining?: number;
  upstreamResetAt?: number;
}

/**
 * The single-instance gate state. Every method completes synchronously inside its promise, so calls are
 * atomic with respect to each other, as the Lua scripts of a shared store would be.
 */
export class MemoryGateStore implements GateStore {
  private readonly budgets: Budget[];
  private readonly leases = new Map<string, Lease>();
  private nextLeaseId = 1;
  private pausedUntilMs = 0;

  constructor(
    private readonly limits: GateLimits,
    now: number = Date.now(),
  ) {
    this.budgets = (Object.entries(limits.budgets) as [BudgetDimension, number][]).map(([dimension, capacity]) => ({
      dimension,
      bucket: new TokenBucket(capacity, limits.windowMs, now),
    }));
  }

  async tryAcquire(cost: Cost, now: number, leaseTtlMs: number): Promise<AcquireResult> {
    let budgetWait = 0;
    for (const { dimension, bucket } of this.budgets) {
      const wait = bucket.msUntil(cost[dimension] ?? 0, now);
      if (wait === Infinity) return { ok: false, reason: 'too_large', retryInMs: Infinity };
      budgetWait = Math.max(budgetWait, wait);
    }
    if (now < this.pausedUntilMs) return { ok: false, reason: 'paused', retryInMs: this.pausedUntilMs - now };
    if (budgetWait > 0) return { ok: false, reason: 'budget', retryInMs: budgetWait };
    if (this.leases.size >= this.limits.maxConcurrency) {
      this.expireLeases(now);
      if (this.leases.size >= this.limits.maxConcurrency) {
        return { ok: false, reason: 'concurrency', retryInMs: this.earliestLeaseExpiry() - now };
      }
    }
    for (const { dimension, bucket } of this.budgets) {
      const amount = cost[dimension];
      if (amount) bucket.take(amount, now);
    }
    const leaseId = String(this.nextLeaseId++);
    this.leases.set(leaseId, { expiresAt: now + leaseTtlMs });
    return { ok: true, leaseId };
  }

  async release(leaseId: string, refund: Cost, now: number): Promise<void> {
    // A lease that expired was already counted as fully consumed; its late release must not free anything.
    if (!this.leases.delete(leaseId)) return;
    for (const { dimension, bucket } of this.budgets) {
      const amount = refund[dimension];
      if (amount) bucket.refund(amount, now);
    }
  }

  async renew(leaseId: string, ttlMs: number, now: number): Promise<boolean> {
    const lease = this.leases.get(leaseId);
    // Past its expiry the lease is gone, as in the shared store, even if no acquire has swept it yet.
    if (!lease || lease.expiresAt <= now) return false;
    lease.expiresAt = Math.max(lease.expiresAt, now + ttlMs);
    return true;
  }

  async pauseUntil(untilMs: number): Promise<void> {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
  }

  async correct(dimension: BudgetDimension, report: UpstreamBudgetReport, now: number): Promise<void> {
    const budget = this.budgets.find((b) => b.dimension === dimension);
    if (!budget) return;
    budget.bucket.correct(report, now);
    budget.upstreamRemaining = report.remaining;
    budget.upstreamResetAt = report.resetAt;
  }

  snapshot(now: number): GateStoreSnapshot {
    return {
      maxConcurrency: this.limits.maxConcurrency,
      leased: this.leases.size,
      ...(now < this.pausedUntilMs && { pausedUntil: this.pausedUntilMs }),
      budgets: this.budgets.map(
        ({ dimension, bucket, upstreamRemaining, upstreamResetAt }): BudgetSnapshot => ({
          dimension,
          limit: bucket.limit,
          remaining: bucket.available(now),
          refillPerMs: bucket.refillPerMs,
          ...(upstreamRemaining !== undefined && { upstreamRemaining }),
          ...(upstreamResetAt !== undefined && { upstreamResetAt }),
        }),
      ),
    };
  }

  /** Drops leases past their TTL: their holder hung past its own timeout, so the slot is free again. */
  private expireLeases(now: number): void {
    for (const [id, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(id);
  }

  private earliestLeaseExpiry(): number {
    let earliest = Infinity;
    for (const lease of this.leases.values()) earliest = Math.min(earliest, lease.expiresAt);
    return earliest;
  }
}
