import type { CircuitState } from './upstream';

export interface CircuitSettings {
  /** Opens when unhealthy outcomes reach this share of the calls in the window (≥, in percent). */
  failureThresholdPercent: number;
  /** Fewer calls than this in the window never open the circuit (one early failure is not a trend). */
  minimumCalls: number;
  windowMs: number;
  /** How long OPEN fails fast before a probe is let through. */
  openMs: number;
}

/**
 * What an attempt says about the upstream's health. Quota and input answers (429, 4xx) are 'healthy': the
 * upstream answered. 'neutral' is for outcomes that say nothing (the caller gave up, our own bug).
 */
export type HealthVerdict = 'healthy' | 'unhealthy' | 'neutral';

/** Permission for one attempt. A probe's outcome decides HALF_OPEN; the others feed the window. */
export type CircuitTicket = 'normal' | 'probe';

export interface CircuitChange {
  from: CircuitState;
  to: CircuitState;
  /** How long the circuit stays OPEN, when `to` is OPEN. */
  openForMs?: number;
}

/** When a probe is already out, others are told to come back in this long (probes end within an attempt). */
const PROBE_BUSY_RETRY_MS = 1_000;
const WINDOW_BUCKETS = 10;

function bucketIndex(slot: number): number {
  return ((slot % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS;
}

/** Calls and failures over the last `windowMs`, in buckets that are recycled lazily: no timers. */
class RollingWindow {
  private readonly calls = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly failures = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly bucketMs: number;
  private slot = -Infinity;
  totalCalls = 0;
  totalFailures = 0;

  constructor(windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / WINDOW_BUCKETS);
  }

  add(now: number, failed: boolean): void {
    const slot = Math.floor(now / this.bucketMs);
    for (let s = Math.max(this.slot + 1, slot - WINDOW_BUCKETS + 1); s <= slot; s++) this.clear(bucketIndex(s));
    this.slot = Math.max(this.slot, slot);
    const index = bucketIndex(slot);
    this.calls[index]! += 1;
    this.totalCalls += 1;
    if (failed) {
      this.failures[index]! += 1;
      this.totalFailures += 1;
    }
  }

  reset(): void {
    for (let i = 0; i < WINDOW_BUCKETS; i++) this.clear(i);
  }

  private clear(index: number): void {
    this.totalCalls -= this.calls[index]!;
    this.totalFailures -= this.failures[index]!;
    this.calls[index] = 0;
    this.failures[index] = 0;
  }
}

/**
 * A small state machine rather than opossum: opossum counts every rejection of the wrapped function unless
 * filtered, opens on `>` rather than `≥`, runs interval timers per breaker and reads the wall clock, and it
 * wraps the call whole, whereas here permission is split in two: `blockedForMs` before queueing (an open
 * circuit must not take queue room) and `admit` once the gate granted a slot, so the single HALF_OPEN probe
 * is not spent while waiting in the queue. Time is passed in, so tests drive it without sleeping.
 */
export class CircuitBreaker {
  private current: CircuitState = 'CLOSED';
  private openedAt = 0;
  private probeOut = false;
  private readonly window: RollingWindow;

  constructor(
    private readonly settings: CircuitSettings,
    private readonly onChange: (change: CircuitChange) => void,
  ) {
    this.window = new RollingWindow(settings.windowMs);
  }

  /** The state as seen at `now` (an OPEN circuit past its cool-down reads HALF_OPEN). Does not transition. */
  stateAt(now: number): CircuitState {
    return this.current === 'OPEN' && now >= this.openedAt + this.settings.openMs ? 'HALF_OPEN' : this.current;
  }

  /** Time until a call could be let through; 0 means now. */
  blockedForMs(now: number): number {
    if (this.current === 'OPEN') {
      const left = this.openedAt + this.settings.openMs - now;
      if (left > 0) return left;
      this.moveTo('HALF_OPEN');
    }
    return this.current === 'HALF_OPEN' && this.probeOut ? PROBE_BUSY_RETRY_MS : 0;
  }

  /** Lets one attempt through, or refuses (undefined). In HALF_OPEN only one probe is out at a time. */
  admit(now: number): CircuitTicket | undefined {
    if (this.blockedForMs(now) > 0) return undefined;
    if (this.current !== 'HALF_OPEN') return 'normal';
    this.probeOut = true;
    return 'probe';
  }

  record(ticket: CircuitTicket, verdict: HealthVerdict, now: number): void {
    if (ticket === 'probe') {
      this.probeOut = false;
      if (verdict === 'healthy') this.moveTo('CLOSED');
      else if (verdict === 'unhealthy') this.open(now);
      return;
    }
    // Outcomes of attempts admitted before the circuit opened say nothing about the probe to come.
    if (this.current !== 'CLOSED' || verdict === 'neutral') return;
    this.window.add(now, verdict === 'unhealthy');
    const { totalCalls, totalFailures } = this.window;
    if (
      verdict === 'unhealthy' &&
      totalCalls >= this.settings.minimumCalls &&
      totalFailures * 100 >= this.settings.failureThresholdPercent * totalCalls
    ) {
      this.open(now);
    }
  }

  private open(now: number): void {
    this.openedAt = now;
    this.moveTo('OPEN');
  }

  private moveTo(next: CircuitState): void {
    const from = this.current;
    if (from === next) return;
    this.current = next;
    this.window.reset();
    this.onChange({ from, to: next, ...(next === 'OPEN' && { openForMs: this.settings.openMs }) });
  }
}
