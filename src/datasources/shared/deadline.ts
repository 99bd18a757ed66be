/**
 * The time budget of one operation (a read, a generation, an export). Upstream attempt timeouts are derived
 * from it, the gate refuses waits that would outlive it, and its signal aborts queued and in-flight work when
 * it expires or when the client disconnects.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly expiresAt: number;
  private readonly timer: NodeJS.Timeout;

  private readonly detach: () => void;

  private constructor(budgetMs: number, parent?: AbortSignal) {
    this.expiresAt = Date.now() + budgetMs;
    const controller = new AbortController();
    this.timer = setTimeout(() => controller.abort(new DeadlineExceeded(budgetMs)), budgetMs);
    this.timer.unref();
    // The parent (the client's connection) outlives many deadlines, so the listener is removed on dispose.
    const onParentAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted) controller.abort(parent.reason);
    else parent?.addEventListener('abort', onParentAbort, { once: true });
    this.detach = () => parent?.removeEventListener('abort', onParentAbort);
    controller.signal.addEventListener('abort', () => clearTimeout(this.timer), { once: true });
    this.signal = controller.signal;
  }

  /** A deadline `budgetMs` from now that also ends when `parent` aborts (e.g. the client disconnected). */
  static after(budgetMs: number, parent?: AbortSignal): Deadline {
    return new Deadline(budgetMs, parent);
  }

  remainingMs(now = Date.now()): number {
    return this.signal.aborted ? 0 : Math.max(0, this.expiresAt - now);
  }

  get expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** Frees the timer and the parent listener once the operation is over. */
  dispose(): void {
    clearTimeout(this.timer);
    this.detach();
  }
}

export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`operation deadline of ${budgetMs} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}
