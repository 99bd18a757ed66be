import { systemClock, type Clock, type Timer } from './clock';

/**
 * The time budget of one operation (a read, a generation, an export). Upstream attempt timeouts are derived
 * from it, the gate refuses waits that would outlive it, and its signal aborts queued and in-flight work when
 * it expires or when the client disconnects.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly expiresAt: number;
  private readonly timer: Timer;

  private readonly detach: () => void;

  private constructor(
    budgetMs: number,
    parent: AbortSignal | undefined,
    private readonly clock: Clock,
  ) {
    this.expiresAt = clock.now() + budgetMs;
    const controller = new AbortController();
    this.timer = clock.schedule(budgetMs, () => controller.abort(new DeadlineExceeded(budgetMs)), { unref: true });
    // The parent (the client's connection) outlives many deadlines, so the listener is removed on dispose.
    const onParentAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted) controller.abort(parent.reason);
    else parent?.addEventListener('abort', onParentAbort, { once: true });
    this.detach = () => parent?.removeEventListener('abort', onParentAbort);
    controller.signal.addEventListener('abort', () => this.timer.cancel(), { once: true });
    this.signal = controller.signal;
  }

  /** A deadline `budgetMs` from now that also ends when `parent` aborts (e.g. the client disconnected). */
  static after(budgetMs: number, parent?: AbortSignal, clock: Clock = systemClock): Deadline {
    return new Deadline(budgetMs, parent, clock);
  }

  remainingMs(now = this.clock.now()): number {
    return this.signal.aborted ? 0 : Math.max(0, this.expiresAt - now);
  }

  get expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** Frees the timer and the parent listener once the operation is over. */
  dispose(): void {
    this.timer.cancel();
    this.detach();
  }
}

export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`operation deadline of ${budgetMs} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}
