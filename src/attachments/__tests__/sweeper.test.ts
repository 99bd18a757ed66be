import { TestClock } from '../../datasources/shared/__tests__/support/test-clock';
import { AttachmentSweeper, SWEEP_BATCH } from '../sweeper';

describe('AttachmentSweeper', () => {
  it('When a sweep deletes a full batch, then the next follows at once; otherwise one interval later; none after stop', async () => {
    const clock = new TestClock();
    const sweeps: number[] = [];
    let backlog = SWEEP_BATCH + 3;
    const sweeper = new AttachmentSweeper(
      {
        sweepExpired: async (limit) => {
          sweeps.push(clock.now());
          const deleted = Math.min(limit, backlog);
          backlog -= deleted;
          return { claimed: deleted, deleted };
        },
      },
      clock,
      60_000,
    );
    const start = clock.now();
    sweeper.start();
    await clock.advance(60_000);
    expect(sweeps).toEqual([start + 60_000, start + 60_000]);
    await clock.advance(60_000);
    expect(sweeps).toHaveLength(3);
    await sweeper.stop();
    await clock.advance(600_000);
    expect(sweeps).toHaveLength(3);
  });

  it('When a sweep fails (Redis down), then the sweeper keeps its schedule', async () => {
    const clock = new TestClock();
    let calls = 0;
    const sweeper = new AttachmentSweeper(
      {
        sweepExpired: async () => {
          calls += 1;
          throw new Error('Redis unreachable');
        },
      },
      clock,
      1_000,
    );
    sweeper.start();
    await clock.advance(3_000);
    expect(calls).toBe(3);
    await sweeper.stop();
  });
});
