import type { UpstreamCall } from '../upstream';
import { bffRejection, call, deadline, failure, runtime, TestClock } from './support/fakes';

/**
 * A streamed answer reaches its client while the attempt still runs. Once it has (the attempt committed), a
 * failure ends the call: a retry would start over and show the client a second, different beginning.
 */
describe('committed attempts', () => {
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock();
  });
  const within = (ms: number) => deadline(ms, undefined, clock);

  it('When an attempt fails after it committed, then the call fails with that failure and is not retried', async () => {
    const rt = runtime({ clock });
    let runs = 0;
    const streamed = call(async (ctx) => {
      runs += 1;
      ctx.commit();
      throw failure('overloaded');
    });

    const error = await bffRejection(clock.until(rt.execute(streamed, within(5_000))));

    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(runs).toBe(1);
  });

  it('When an attempt fails before it committed, then it is retried as any transient failure, and a later commit holds', async () => {
    const rt = runtime({ clock });
    const committedOn: number[] = [];
    const streamed: UpstreamCall<string> = call(async (ctx) => {
      if (ctx.attempt === 1) throw failure('overloaded');
      ctx.commit();
      committedOn.push(ctx.attempt);
      return 'streamed';
    });

    await expect(clock.until(rt.execute(streamed, within(5_000)))).resolves.toBe('streamed');
    expect(committedOn).toEqual([2]);
  });

  it('When a committed attempt fails, then the next call of the same runtime is not affected (commit is per attempt)', async () => {
    const rt = runtime({ clock });
    const attempts: number[] = [];
    const first = call(async (ctx) => {
      ctx.commit();
      throw failure('server_error');
    });
    const second = call(async (ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt === 1) throw failure('server_error');
      return 'ok';
    });

    await bffRejection(clock.until(rt.execute(first, within(5_000))));
    await expect(clock.until(rt.execute(second, within(5_000)))).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2]);
  });
});
