import { setMaxListeners } from 'node:events';
import { BffError, ErrorCode } from '../errors';

/** The reason work is stopped with when the process drains: retryable, and a retry elsewhere resumes it. */
export function restarting(): BffError {
  return new BffError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The server is restarting; try again in 1 second.', { retryAfterSeconds: 1 });
}

/**
 * Work that outlives the request that started it (an export runs to completion when its caller leaves), and
 * that the process drain waits for. A task gets one signal: it aborts when the drain's grace is spent (or
 * the dependencies close), so the task stops at its next safe point and releases what it holds. Nothing
 * else aborts it: a caller disconnecting is not a reason to stop.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();
  private idleWaiters: (() => void)[] = [];

  constructor() {
    // Every running task's deadline listens on this one signal: as many listeners as exports run, by design.
    setMaxListeners(0, this.stopping.signal);
  }

  /** How many tasks are running. */
  get size(): number {
    return this.running.size;
  }

  /** Runs `task` tracked until it settles; refused once the process stopped taking work. */
  run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { signal } = this.stopping;
    if (signal.aborted) return Promise.reject(signal.reason);
    const promise = Promise.resolve().then(() => task(signal));
    this.running.add(promise);
    const untrack = () => {
      this.running.delete(promise);
      if (this.running.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    promise.then(untrack, untrack);
    return promise;
  }

  /** Resolves once nothing runs (at once when nothing does). */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work and aborts what runs with `reason`. */
  abort(reason: BffError = restarting()): void {
    if (!this.stopping.signal.aborted) this.stopping.abort(reason);
  }

  /** abort(), then waits at most `settleMs` for the tasks to wind down. Resolves false if some did not. */
  async stop(settleMs: number): Promise<boolean> {
    this.abort();
    return settlesWithin(this.idle(), settleMs);
  }
}

/** Whether `promise` settles within `ms` (the timer never keeps the process alive). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
