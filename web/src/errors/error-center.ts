import { ExternalStore } from '../lib/external-store';
import type { AppError } from './app-error';

export interface ReportedError {
  /** What failed, e.g. `campaigns` or `generate:<lead id>`: a new failure of the same thing replaces the old. */
  source: string;
  /** What the user was doing, shown above the message ("Loading campaigns"). */
  context: string;
  error: AppError;
  /** Runs the failed action again; absent when retrying cannot help. */
  retry?: () => void;
  /** Clock time of the report: the countdown runs from here. */
  reportedAt: number;
}

/** The errors currently shown to the user, newest first. */
export class ErrorCenter extends ExternalStore<readonly ReportedError[]> {
  constructor(private readonly now: () => number = Date.now) {
    super([]);
  }

  report(source: string, context: string, error: AppError, retry?: () => void): void {
    const entry: ReportedError = {
      source,
      context,
      error,
      reportedAt: this.now(),
      ...(retry && error.retryable && { retry }),
    };
    this.set([entry, ...this.getSnapshot().filter((e) => e.source !== source)]);
  }

  /** The action succeeded (or was dismissed): its error goes away. */
  clear(source: string): void {
    const remaining = this.getSnapshot().filter((e) => e.source !== source);
    if (remaining.length !== this.getSnapshot().length) this.set(remaining);
  }
}
