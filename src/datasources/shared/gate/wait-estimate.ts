import type { Cost } from '../upstream';
import { DIMENSIONS } from './cost';
import type { GateStoreSnapshot } from './gate-store';
import type { GatePermit } from './permit';

/** Weight of the newest sample in the running averages: follows a change within ~10 attempts, shrugs off one outlier. */
const EWMA_WEIGHT = 0.2;

export interface WaitEstimateInput {
  now: number;
  store: GateStoreSnapshot;
  /** Waiters ahead of the call in this process's queue. */
  ahead: number;
  /** What those waiters reserve, per dimension. */
  demandAhead: Cost;
  cost: Cost;
  /** Typical attempt duration seen here (0 until observed: we never refuse on a guess). */
  serviceMs: number;
  /** Typical consumed share of a reservation per dimension (1 until observed). */
  usageRatio: Cost;
  /** What this process's running attempts reserve; their unused share comes back when they finish. */
  inFlightReserved: Cost;
}

/**
 * How long until a call could be admitted: the longest of three independent waits, which overlap in time
 * rather than add up.
 * - pause: until the upstream said to come back;
 * - concurrency: the leases held plus the waiters ahead drain through `maxConcurrency` slots, one service
 *   time per round: ceil((leased + ahead - max + 1) / max) × serviceMs;
 * - budget, per dimension: the tokens still missing, at the refill rate. Reservations are worst cases
 *   (output tokens are reserved as max_tokens), so the demand ahead counts at the observed usage ratio and
 *   the unused share of running reservations counts as coming back; our own cost counts in full, since
 *   admission needs the whole reservation.
 * It errs optimistic (no history = no wait): it only decides when to refuse early, and admission itself
 * stays exact.
 */
export function estimateWaitMs(input: WaitEstimateInput): number {
  const { store, now } = input;
  const pause = store.pausedUntil === undefined ? 0 : Math.max(0, store.pausedUntil - now);
  const busy = store.leased + input.ahead;
  const rounds = busy < store.maxConcurrency ? 0 : Math.ceil((busy - store.maxConcurrency + 1) / store.maxConcurrency);
  let wait = Math.max(pause, rounds * input.serviceMs);
  for (const budget of store.budgets) {
    const ratio = input.usageRatio[budget.dimension] ?? 1;
    const need = (input.demandAhead[budget.dimension] ?? 0) * ratio + (input.cost[budget.dimension] ?? 0);
    const comingBack = (input.inFlightReserved[budget.dimension] ?? 0) * (1 - ratio);
    const missing = need - budget.remaining - comingBack;
    if (missing > 0) wait = Math.max(wait, missing / budget.refillPerMs);
  }
  return Math.ceil(wait);
}

/**
 * The wait model of one process: what it learnt from the permits that ended (how long one holds a slot, how
 * much of a reservation is really used), applied to `estimateWaitMs`.
 */
export class WaitModel {
  private serviceMs: number | undefined;
  private readonly usageRatio: Cost = {};

  /** Typical time a permit is held; 0 until observed. */
  get typicalServiceMs(): number {
    return this.serviceMs ?? 0;
  }

  learn(permit: GatePermit, now: number): void {
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

  estimate(input: Omit<WaitEstimateInput, 'serviceMs' | 'usageRatio'>): number {
    return estimateWaitMs({ ...input, serviceMs: this.typicalServiceMs, usageRatio: this.usageRatio });
  }
}
