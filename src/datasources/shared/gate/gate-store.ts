import type { BudgetDimension, Cost } from '../upstream';

/** What one upstream allows: concurrent attempts and per-window budgets. */
export interface GateLimits {
  /** Attempts that may run at the same time (Woodpecker: 1, the only safe value). */
  maxConcurrency: number;
  /** Capacity of each budget per `windowMs`; a dimension absent here is not limited. */
  budgets: Partial<Record<BudgetDimension, number>>;
  /** Budget window; buckets refill continuously at capacity / windowMs. 60 000 for per-minute limits. */
  windowMs: number;
}

/** Why an acquire was refused; the scheduler treats each differently. */
export type BlockReason =
  /** The cost exceeds a bucket's capacity: waiting can never help. */
  | 'too_large'
  /** The upstream asked us to stop until a given time: the wait is known exactly. */
  | 'paused'
  /** A budget is short: the wait until it refills is known exactly. */
  | 'budget'
  /** All slots are leased: they free up when a holder (here or in another process) releases. */
  | 'concurrency';

export type AcquireResult =
  | { ok: true; leaseId: string }
  /** `retryInMs` is exact for 'paused'/'budget', an upper bound for 'concurrency', Infinity for 'too_large'. */
  | { ok: false; reason: BlockReason; retryInMs: number };

/** What the upstream's rate-limit headers said about one dimension. */
export interface UpstreamBudgetReport {
  limit?: number;
  remaining: number;
  /** Epoch ms when the upstream's bucket is full again. */
  resetAt?: number;
}

export interface BudgetSnapshot {
  dimension: BudgetDimension;
  /** Effective capacity: the configured one, lowered when the upstream reports a smaller limit. */
  limit: number;
  remaining: number;
  refillPerMs: number;
  upstreamRemaining?: number;
  upstreamResetAt?: number;
}

export interface GateStoreSnapshot {
  maxConcurrency: number;
  /** Leases held now, by every process sharing the store. */
  leased: number;
  /** Epoch ms; absent when not paused. */
  pausedUntil?: number;
  budgets: BudgetSnapshot[];
}

/**
 * The state of one upstream's gate: budgets, concurrency slots and the pause. The scheduler (queueing, FIFO,
 * deadlines) lives in each process; the STATE lives behind this interface so that several BFF instances can
 * share it. The in-memory store is the single-instance default; a Redis store replaces it without touching
 * the scheduler or the data sources. That future shaped every method:
 * - `tryAcquire` reserves a slot AND every budget dimension in one step or nothing (one Lua script), because
 *   a slot taken by one instance while another takes the tokens would let both overshoot;
 * - a grant is a lease with an id and a TTL: a process that dies while holding Woodpecker's single slot must
 *   not block every instance forever, so the slot frees itself when the TTL passes. Lease ids are fencing
 *   tokens: `release` of an expired or unknown lease is ignored, so a late release cannot free a slot that
 *   another holder now owns. The holder renews its lease while it holds it, so the TTL only bounds how long a
 *   dead holder blocks the slot, never how long a live exchange may take;
 * - a refusal carries `retryInMs`, because a shared store cannot send wake-ups across processes: waiters poll
 *   on that hint (bounded) besides waking on local releases;
 * - `now` is the caller's clock; a shared store may use its own (Redis TIME) to avoid skew between hosts;
 * - `snapshot` is synchronous (status pages, wait estimates): a shared store returns the view it learnt on its
 *   last round trip, which every script call refreshes.
 */
export interface GateStore {
  /** Reserves a concurrency slot and `cost` in every budget atomically, or nothing. */
  tryAcquire(cost: Cost, now: number, leaseTtlMs: number): Promise<AcquireResult>;
  /**
   * Ends a lease: frees its slot and returns `refund` to the budgets (negative = consumed more than reserved).
   * Unknown or expired leases are ignored.
   */
  release(leaseId: string, refund: Cost, now: number): Promise<void>;
  /**
   * Moves a live lease's expiry to at least `now + ttlMs` (never earlier). False when the lease is gone
   * (expired or released): its slot may belong to another holder by now.
   */
  renew(leaseId: string, ttlMs: number, now: number): Promise<boolean>;
  /** Stops all grants until `untilMs` (epoch). Only ever extends an existing pause. */
  pauseUntil(untilMs: number): Promise<void>;
  /** Lowers a budget to what the upstream reports. Never raises it above our own accounting. */
  correct(dimension: BudgetDimension, report: UpstreamBudgetReport, now: number): Promise<void>;
  snapshot(now: number): GateStoreSnapshot;
}
