/**
 * A continuously refilled token bucket, the model Anthropic documents for its per-minute limits: the capacity
 * is the limit per window and it refills evenly over the window, so a burst can spend the whole capacity at
 * once but the sustained rate is capacity / window.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    private capacity: number,
    private windowMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  get limit(): number {
    return this.capacity;
  }

  /** Milliseconds until `amount` tokens are available; 0 when they are now, Infinity when they never can be. */
  waitMs(amount: number, now: number): number {
    this.refill(now);
    if (amount <= this.level) return 0;
    if (amount > this.capacity) return Infinity;
    return ((amount - this.level) * this.windowMs) / this.capacity;
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  give(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  remaining(now: number): number {
    this.refill(now);
    return Math.max(0, Math.floor(this.level));
  }

  msUntilFull(now: number): number {
    this.refill(now);
    return ((this.capacity - this.level) * this.windowMs) / this.capacity;
  }

  /** Keeps what has been spent, so shrinking a limit mid-run does not hand out a fresh burst. */
  resize(capacity: number, windowMs: number, now: number): void {
    this.refill(now);
    const spent = this.capacity - this.level;
    this.capacity = capacity;
    this.windowMs = windowMs;
    this.level = Math.max(0, capacity - spent);
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) * this.capacity) / this.windowMs);
    this.updatedAt = now;
  }
}
