import type { Clock, Timer } from '../datasources/shared/clock';
import { describeError, logger } from '../logging/logger';
import type { Attachments } from './attachments';

const log = logger.child({ component: 'attachments' });

/** Records one sweep claims and deletes at most: a bounded amount of background work per interval. */
export const SWEEP_BATCH = 25;

/**
 * Deletes the files of expired attachments from Claude's store, a batch every interval, on every instance (the
 * claims keep them from deleting the same file). A batch deleted in full means a backlog, so the next sweep follows at once.
 */
export class AttachmentSweeper {
  private timer: Timer | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly attachments: Pick<Attachments, 'sweepExpired'>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.schedule(this.intervalMs);
  }

  /** One sweep now; resolves with what it did. */
  async sweep(): Promise<{ claimed: number; deleted: number }> {
    const result = await this.attachments.sweepExpired(SWEEP_BATCH);
    if (result.claimed > 0) log.info('expired attachments swept', result);
    return result;
  }

  /** No sweep starts after this; resolves once the one under way is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.schedule(ms, () => (this.running = this.tick()), { unref: true });
  }

  private async tick(): Promise<void> {
    let next = this.intervalMs;
    try {
      const { deleted } = await this.sweep();
      if (deleted >= SWEEP_BATCH) next = 0;
    } catch (error) {
      log.warn('attachment sweep failed; the next one retries', { error: describeError(error) });
    }
    this.schedule(next);
  }
}
