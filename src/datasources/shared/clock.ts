/** A timer from `Clock.schedule`; cancelling a timer that fired already does nothing. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the upstream runtime sees it: every deadline, timeout, backoff, gate wake-up and lease renewal
 * reads and waits through one of these, so tests drive time instead of waiting for it. Production uses
 * `systemClock`.
 */
export interface Clock {
  now(): number;
  /** Calls `callback` once, `ms` from now. An `unref` timer does not keep the process alive by itself. */
  schedule(ms: number, callback: () => void, options?: { unref?: boolean }): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, callback, options) {
    const handle = setTimeout(callback, ms);
    if (options?.unref) handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
