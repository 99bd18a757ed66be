import type { Clock, Timer } from '../../clock';

interface Scheduled {
  at: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** Lets the promise chains started so far (grants, releases, retries) run to their next wait. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock that stands still until the test moves it. Moving it fires the due timers in time order and lets
 * the promise chains each one starts settle before the next, so a test sees what happens at each instant and
 * never waits for real time. Timers on it never keep the process alive.
 */
export class TestClock implements Clock {
  private current: number;
  private order = 0;
  private timers: Scheduled[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(ms: number, callback: () => void): Timer {
    const timer: Scheduled = { at: this.current + Math.max(0, ms), order: this.order++, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Resolves once the clock has moved `ms` past now (for `run`s that take time). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) await this.fire(next);
    this.current = target;
    await settle();
  }

  /** Moves time timer by timer until `promise` settles; fails if nothing is scheduled or `limitMs` would pass. */
  async until<T>(promise: Promise<T>, limitMs = 600_000): Promise<T> {
    const state = track(promise);
    const limit = this.current + limitMs;
    await settle();
    while (!state.settled) {
      const next = this.nextDue(limit);
      if (!next) throw new Error(`still pending with no timer due within ${limitMs} ms of clock time`);
      await this.fire(next);
    }
    return promise;
  }

  /** The promise's outcome, which must be there without the clock moving: proof that it waited on no timer. */
  async withoutWaiting<T>(promise: Promise<T>): Promise<T> {
    const state = track(promise);
    await settle();
    if (!state.settled) throw new Error('still pending with the clock standing still: it waits on a timer');
    return promise;
  }

  private nextDue(notAfter: number): Scheduled | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let next: Scheduled | undefined;
    for (const timer of this.timers) {
      if (timer.at > notAfter) continue;
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
    }
    return next;
  }

  private async fire(timer: Scheduled): Promise<void> {
    this.timers = this.timers.filter((t) => t !== timer);
    this.current = Math.max(this.current, timer.at);
    timer.callback();
    await settle();
  }
}

function track(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => void (state.settled = true),
    () => void (state.settled = true),
  );
  return state;
}
