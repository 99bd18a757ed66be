import { BffError, ErrorCode } from '../errors';

/** Frees the slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * The uploads one instance holds in memory at once: each is read whole (at most the size limit) before it is
 * sent, so that a retry can send it again. Waiters queue in arrival order, boundedly; a waiter whose client left
 * leaves the queue. Their bodies stay unread meanwhile, so TCP holds them back, not our memory.
 */
export class UploadSlots {
  private active = 0;
  private readonly waiting: Array<{ grant: (release: ReleaseSlot) => void }> = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxWaiting: number,
  ) {}

  acquire(signal: AbortSignal): Promise<ReleaseSlot> {
    if (this.active < this.maxConcurrent) return Promise.resolve(this.take());
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new BffError(ErrorCode.UPSTREAM_BUSY, 'Too many files are being uploaded right now; try again in a moment.', {
          retryAfterSeconds: 1,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new BffError(ErrorCode.UPSTREAM_TIMEOUT, 'The upload was cancelled.'));
      const waiter = {
        grant: (release: ReleaseSlot) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new BffError(ErrorCode.UPSTREAM_TIMEOUT, 'The upload was cancelled.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private take(): ReleaseSlot {
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      const next = this.waiting.shift();
      if (next) next.grant(this.take());
    };
  }
}
