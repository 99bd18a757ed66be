import { AsyncQueue } from '../shared/async-queue';

/**
 * A producer's events as an async iterator (an `AsyncQueue` read by `next()`), and the reader leaving (`return()`,
 * which graphql-js calls on unsubscribe) tells the producer at once, without waiting for the next event as an async
 * generator would.
 */
export class EventChannel<T> implements AsyncIterableIterator<T> {
  private readonly queue = new AsyncQueue<T>();
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
    this.queue.push(value);
  }

  end(): void {
    this.queue.end();
  }

  next(): Promise<IteratorResult<T>> {
    if (!this.started) {
      this.started = true;
      this.start(this);
    }
    return this.queue.next();
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.queue.isEnded) {
      this.queue.discard();
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
