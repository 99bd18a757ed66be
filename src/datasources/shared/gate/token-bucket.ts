/**
 * Refill kept in hand before granting, in ms: how much sooner than its grant a call may arrive, relative to the
 * call before it, without the upstream finding its bucket short (its refill runs from arrivals, ours from grants).
 * In time, not as a share of the window: the jitter it absorbs (network, event-loop and scheduling delays between
 * a grant and the arrival) does not shrink when the window does. 250 ms of a 50-a-minute budget is 0.2 requests.
 */
export const ARRIVAL_MARGIN_MS = 250;

/**
 * A token bucket shaped like Anthropic's: capacity = the per-window limit, refilled continuously at
 * capacity / window. Mirroring the upstream's algorithm (rather than a fixed window) means that what we admit
 * is exactly what the upstream would accept, with no burst at window edges it would refuse.
 * The level may go below zero when an attempt consumed more than it reserved (a debt later calls wait out).
 */
export class TokenBucket {
  private capacity: number;
  private level: number;
  private updatedAt: number;

  constructor(
    private readonly configuredCapacity: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.capacity = configuredCapacity;
    this.level = configuredCapacity;
    this.updatedAt = now;
  }

  get limit(): number {
    return this.capacity;
  }

  get refillPerMs(): number {
    return this.capacity / this.windowMs;
  }

  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  /**
   * Time until `amount` is available: 0 now, Infinity if it can never fit. It waits for `amount` plus
   * ARRIVAL_MARGIN_MS of refill, never beyond a full bucket. Without it the gate ran exactly on the upstream's
   * limit and overspent it: a call taken from a full bucket starts our refill when we send it, the upstream's only
   * when it arrives (its bucket is capped meanwhile), and calls do not all take equally long to arrive, so the
   * upstream could be short by the difference (1 quota violation in the 60 s burst benchmark; with a 2 s test
   * window and a margin that was a share of it, 3 ms, on a loaded machine). The margin shifts grants by that
   * much; the sustained rate is unchanged.
   */
  msUntil(amount: number, now: number): number {
    if (amount > this.capacity) return Infinity;
    const wanted = Math.min(this.capacity, amount + this.refillPerMs * ARRIVAL_MARGIN_MS);
    const missing = wanted - this.available(now);
    return missing <= 0 ? 0 : Math.ceil(missing / this.refillPerMs);
  }

  /** Callers check `msUntil(amount) === 0` first; the store does both under one lock. */
  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Returns unused tokens (negative: takes what was consumed beyond the reservation). */
  refund(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  /**
   * Adopts the upstream's view, only ever downwards: the effective capacity is min(configured, reported) and
   * the level min(ours, reported). We do not add back reservations still in flight: the upstream may or may
   * not have counted them yet, and lowering only can never cause an overspend, only a little caution.
   */
  correct(report: { limit?: number; remaining: number }, now: number): void {
    this.refill(now);
    if (report.limit !== undefined && report.limit > 0) this.capacity = Math.min(this.configuredCapacity, report.limit);
    this.level = Math.min(this.level, report.remaining, this.capacity);
  }

  private refill(now: number): void {
    const elapsed = now - this.updatedAt;
    if (elapsed <= 0) return;
    this.level = Math.min(this.capacity, this.level + elapsed * this.refillPerMs);
    this.updatedAt = now;
  }
}
