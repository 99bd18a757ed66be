/**
 * Values handed from a producer to an async reader: `push` never waits (a generation cannot be held up by a slow
 * reader; its events are few and small), `end` finishes the reading after what was pushed, `discard` ends it and
 * forgets what was not read.
 */
export class AsyncQueue<T> {
  private readonly queued: T[] = [];
  private waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  private ended = false;

  get isEnded(): boolean {
    return this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ value, done: false });
    else this.queued.push(value);
  }

  end(): void {
    this.ended = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  discard(): void {
    this.queued.length = 0;
    this.end();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.queued.length > 0) return Promise.resolve({ value: this.queued.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
