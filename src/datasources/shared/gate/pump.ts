import type winston from 'winston';
import { describeError } from '../../../logging/logger';
import type { Clock, Timer } from '../clock';

/**
 * When the gate tries its queue: one run at a time (a kick during a run makes it run once more), and a wake-up
 * timer for a head that has to wait. `run` returns how long until the head should try again, or undefined when
 * nobody waits. Only the earliest wake-up is kept, so a later estimate never postpones a sooner one.
 */
export class Pump {
  private running = false;
  private again = false;
  private wake: Timer | undefined;
  private wakeAt = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly run: () => Promise<number | undefined>,
    private readonly logger: winston.Logger,
  ) {}

  kick(): void {
    void this.loop();
  }

  stop(): void {
    this.wake?.cancel();
    this.wake = undefined;
    this.wakeAt = Infinity;
  }

  private async loop(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const retryInMs = await this.run();
        if (retryInMs === undefined) this.stop();
        else this.wakeIn(retryInMs);
      } while (this.again);
    } catch (error) {
      this.logger.error('gate scheduler failed', { error: describeError(error) });
    } finally {
      this.running = false;
    }
  }

  private wakeIn(delayMs: number): void {
    const delay = Math.max(0, delayMs);
    const at = this.clock.now() + delay;
    if (this.wake && this.wakeAt <= at) return;
    this.wake?.cancel();
    this.wakeAt = at;
    this.wake = this.clock.schedule(delay, () => {
      this.wake = undefined;
      this.wakeAt = Infinity;
      this.kick();
    });
  }
}
