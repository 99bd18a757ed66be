/** How a request fared in the per-key queue. */
export type Admission = 'granted' | 'rejected' | 'timed_out';

interface Waiter {
  grant(admission: Admission): void;
  timer: NodeJS.Timeout;
}

interface Lane {
  busy: boolean;
  waiting: Waiter[];
}

export interface QueueLimits {
  maxQueue: number;
  maxQueueWaitMs: number;
}

/**
 * Woodpecker's documented concurrency model (W6): per API key one request is processed at a time, up to
 * `maxQueue` more wait at most `maxQueueWaitMs`, and anything beyond is dropped at once.
 */
export class OneAtATimeQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limits: () => QueueLimits) {}

  /** Synchronous when the key is idle or the queue is full, so the common paths allocate no promise. */
  acquire(key: string): Admission | Promise<Admission> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { busy: false, waiting: [] }));
    if (!lane.busy) {
      lane.busy = true;
      return 'granted';
    }
    const { maxQueue, maxQueueWaitMs } = this.limits();
    if (lane.waiting.length >= maxQueue) return 'rejected';
    const queue = lane.waiting;
    return new Promise<Admission>((resolve) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          resolve('timed_out');
        }, maxQueueWaitMs),
      };
      queue.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter, so nobody can jump the queue between release and grant. */
  release(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (!next) {
      lane.busy = false;
      return;
    }
    clearTimeout(next.timer);
    next.grant('granted');
  }

  depth(key: string): number {
    return this.lanes.get(key)?.waiting.length ?? 0;
  }

  /** Rejects everyone still waiting (simulator shutdown). */
  drain(): void {
    for (const lane of this.lanes.values()) {
      for (const waiter of lane.waiting.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.grant('rejected');
      }
    }
  }
}
