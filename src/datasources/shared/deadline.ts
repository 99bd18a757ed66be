/**
 * The time budget of one operation (a read, a generation, an export). Upstream attempt timeouts are derived
 * from it, the gate refuses waits that would outlive it, and its signal aborts queued and in-flight work when
 * it expires or when the client disconnects.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly expiresAt: number;
  private readonly timer: NodeJS.Timeout;

  private constructor(budgetMs: number, parent?: AbortSignal) {
    this.expiresAt = Date.now() + budgetMs;
    const controller = new AbortController();
    this.timer = setTimeout(() => controller.abort(new DeadlineExceeded(budgetMs)), budgetMs);
    this.timer.unref();
    if (parent) {
      if (parent.aborted) controller.abort(parent.reason);
      else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
    }
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

  /** Frees the timer once the operation is over. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`operation deadline of ${budgetMs} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}
