/**
 * A producer's events as an async iterator: `push` never waits (the producer is a generation that cannot be held
 * up by a slow reader; its events are few and small), `end` finishes the iteration after what was pushed, and
 * the reader leaving (`return()`, which graphql-js calls on unsubscribe) tells the producer at once, without
 * waiting for the next event as an async generator would.
 */
export class EventChannel<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private started = false;

  /**
   * @param start runs the producer on the first `next()` (nothing runs for a reader that never reads)
   * @param onReturn the reader left before the end
   */
  constructor(
    private readonly start: (channel: EventChannel<T>) => void,
    private readonly onReturn: () => void,
  ) {}

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ value, done: false });
    else this.buffered.push(value);
  }

  end(): void {
    this.ended = true;
    this.release();
  }

  next(): Promise<IteratorResult<T>> {
    if (!this.started) {
      this.started = true;
      this.start(this);
    }
    const value = this.buffered.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffered.length = 0;
      this.release();
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private release(): void {
    if (this.buffered.length > 0) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }
}
