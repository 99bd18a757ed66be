import type { QueueReport, UpstreamCall } from '../upstream';
import { call, deadline, deferred, runtime, TestClock, type Deferred } from './support/fakes';

/** The gate tells a waiting call where it stands: once it has to wait, and whenever its place changes. */
describe('queue positions', () => {
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock();
  });
  const within = (ms: number, parent?: AbortSignal) => deadline(ms, parent, clock);

  /** A call that holds its slot until released, and records every queue report it gets. */
  function heldCall(): { call: UpstreamCall<string>; reports: QueueReport[]; started: boolean; release: Deferred<void> } {
    const release = deferred();
    const held = {
      reports: [] as QueueReport[],
      started: false,
      release,
      call: call(async () => {
        held.started = true;
        await release.promise;
        return 'done';
      }),
    };
    held.call.onQueued = (report) => held.reports.push(report);
    return held;
  }

  it('When 4 calls meet 2 slots, then the last two hear positions 1 and 2 before they start, and move up as slots free', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 2 } });
    const calls = [heldCall(), heldCall(), heldCall(), heldCall()];
    const results = calls.map((held) => rt.execute(held.call, within(10_000)));
    await clock.advance(0);

    expect(calls.map((held) => held.started)).toEqual([true, true, false, false]);
    expect(calls[2]!.reports.at(-1)?.position).toBe(1);
    expect(calls[3]!.reports.at(-1)?.position).toBe(2);

    calls[0]!.release.resolve();
    await clock.advance(0);
    expect(calls[2]!.started).toBe(true);
    expect(calls[3]!.reports.at(-1)?.position).toBe(1);
    expect(calls[3]!.started).toBe(false);

    for (const held of calls) held.release.resolve();
    await clock.until(Promise.all(results));
    // Every report names a position it held, each one different from the one before (changes only).
    for (const { reports } of calls.slice(2)) {
      expect(reports.length).toBeGreaterThan(0);
      for (let i = 1; i < reports.length; i++) expect(reports[i]!.position).not.toBe(reports[i - 1]!.position);
    }
  });

  it('When a call gets a slot at once, then it never hears it was queued', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 2 } });
    const calls = [heldCall(), heldCall()];
    const results = calls.map((held) => rt.execute(held.call, within(10_000)));
    await clock.advance(0);

    expect(calls.map((held) => held.started)).toEqual([true, true]);
    for (const held of calls) held.release.resolve();
    await clock.until(Promise.all(results));
    expect(calls.map((held) => held.reports)).toEqual([[], []]);
  });

  it('When the call ahead gives up, then the one behind hears its new position at once, without a pump run', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
    const holder = heldCall();
    const first = heldCall();
    const second = heldCall();
    const leave = new AbortController();
    const running = rt.execute(holder.call, within(10_000));
    const leaving = rt.execute(first.call, within(10_000, leave.signal)).catch(() => 'left');
    const staying = rt.execute(second.call, within(10_000));
    await clock.advance(0);
    expect(second.reports.at(-1)?.position).toBe(2);

    leave.abort();
    await clock.advance(0);

    expect(second.reports.at(-1)?.position).toBe(1);
    holder.release.resolve();
    second.release.resolve();
    await expect(clock.until(Promise.all([running, leaving, staying]))).resolves.toEqual(['done', 'left', 'done']);
  });

  it('When the wait model has seen attempts end, then a queued call hears a wait estimate from it', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
    const timed = call(async () => {
      await clock.sleep(400);
      return 'ok';
    });
    await clock.until(rt.execute(timed, within(10_000)));
    const holder = heldCall();
    const waiting = heldCall();
    const results = [rt.execute(holder.call, within(10_000)), rt.execute(waiting.call, within(10_000))];
    await clock.advance(0);

    expect(waiting.reports.at(-1)).toEqual({ position: 1, waitMs: 400 });
    expect(rt.estimateWaitMs({ requests: 1 })).toBe(800);
    holder.release.resolve();
    waiting.release.resolve();
    await clock.until(Promise.all(results));
  });

  it('When the gate has slots and budget for every cost, then admitsNow says so; a short budget or a queue says no', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 3, budgets: { requests: 2 }, windowMs: 60_000 } });

    expect(rt.admitsNow([{ requests: 1 }, { requests: 1 }])).toBe(true);
    expect(rt.admitsNow([{ requests: 1 }, { requests: 1 }, { requests: 1 }])).toBe(false);

    const holder = heldCall();
    const running = rt.execute(holder.call, within(10_000));
    await clock.advance(0);
    expect(rt.admitsNow([{ requests: 1 }])).toBe(true);
    expect(rt.admitsNow([{ requests: 1 }, { requests: 1 }])).toBe(false);
    holder.release.resolve();
    await clock.until(running);
  });
});
