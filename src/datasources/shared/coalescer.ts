import type { Clock } from './clock';
import { Deadline } from './deadline';

interface SharedRun {
  promise: Promise<unknown>;
  /** Callers still waiting for the result. */
  waiting: number;
  controller: AbortController;
  /** Aborted when every caller left or the run's own time is up: from then on it only winds down. */
  deadline: Deadline;
}

/**
 * Identical reads in flight at the same time share one execution and its result (or error). Nothing is
 * cached: a call that arrives after the shared run settled starts a new one.
 *
 * The shared run gets a deadline of its own, as long as its first caller's time left, which ends early only
 * when every caller has gone: one impatient caller does not cancel the read for the others. Each caller still
 * stops waiting at its own deadline or disconnect. A later caller with more time left does not extend the
 * shared run (it may time out earlier than alone), and the upstream counters are charged to the first caller.
 * A run whose deadline fired (everyone left, or its time is up) is only winding down: a newcomer never joins
 * it, it starts a fresh run, which takes the key over.
 */
export class Coalescer {
  private readonly runs = new Map<string, SharedRun>();

  constructor(private readonly clock: Clock) {}

  run<T>(
    key: string,
    deadline: Deadline,
    start: (shared: Deadline) => Promise<T>,
    leaveError: (signal: AbortSignal) => unknown,
  ): Promise<T> {
    if (deadline.signal.aborted) return Promise.reject(leaveError(deadline.signal));
    const current = this.runs.get(key);
    const shared = current && !current.deadline.signal.aborted ? current : this.start(key, deadline, start);
    return this.wait(shared, deadline, leaveError) as Promise<T>;
  }

  private start(key: string, deadline: Deadline, start: (shared: Deadline) => Promise<unknown>): SharedRun {
    const controller = new AbortController();
    const sharedDeadline = Deadline.after(deadline.remainingMs(), controller.signal, this.clock);
    const shared: SharedRun = { promise: Promise.resolve(), waiting: 0, controller, deadline: sharedDeadline };
    shared.promise = start(sharedDeadline).finally(() => {
      sharedDeadline.dispose();
      if (this.runs.get(key) === shared) this.runs.delete(key);
    });
    this.runs.set(key, shared);
    return shared;
  }

  private wait(shared: SharedRun, deadline: Deadline, leaveError: (signal: AbortSignal) => unknown): Promise<unknown> {
    const { signal } = deadline;
    shared.waiting += 1;
    return new Promise((resolve, reject) => {
      const leave = () => {
        shared.waiting -= 1;
        if (shared.waiting === 0) shared.controller.abort(signal.reason);
        reject(leaveError(signal));
      };
      signal.addEventListener('abort', leave, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }
}
