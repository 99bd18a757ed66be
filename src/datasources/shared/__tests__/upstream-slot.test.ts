import { MemoryGateStore } from '../gate/memory-gate-store';
import type { AttemptContext } from '../upstream';
import { bffRejection, call, captureLogs, deadline, deferred, runtime, TestClock } from './support/fakes';

captureLogs();

let clock: TestClock;
beforeEach(() => {
  clock = new TestClock();
});
const within = (ms: number, parent?: AbortSignal) => deadline(ms, parent, clock);

const ONE_SLOT = { maxConcurrency: 1, budgets: {}, windowMs: 60_000 };

/** An upstream that keeps working on a request after its caller left (Woodpecker): `slotCeilingMs` is set. */
describe('slot held until the upstream answered', () => {
  it('When the caller disconnects, then the exchange is not aborted and the next call waits until it answered', async () => {
    const rt = runtime({ clock, limits: ONE_SLOT, slotCeilingMs: 5_000, resilience: { leaseTtlMs: 500 } });
    const answer = deferred<string>();
    let signal: AbortSignal | undefined;
    const client = new AbortController();
    const abandoned = rt.execute(
      call(async (ctx: AttemptContext) => {
        signal = ctx.signal;
        return answer.promise;
      }),
      within(5_000, client.signal),
    );
    await clock.advance(0);
    client.abort(new Error('client went away'));
    expect((await bffRejection(abandoned)).code).toBe('UPSTREAM_TIMEOUT');
    expect(signal?.aborted).toBe(false);

    const order: string[] = [];
    const next = rt.execute(call(async () => void order.push('next')), within(5_000));
    await clock.advance(4_000); // well past the lease TTL: renewed, still held
    expect(rt.status()).toMatchObject({ inFlight: 1, queued: 1 });
    order.push('answered');
    answer.resolve('late');
    await clock.until(next);
    expect(order).toEqual(['answered', 'next']);
  });

  it('When an attempt times out, then the retry is sent only after the first attempt was answered', async () => {
    const rt = runtime({ clock, limits: ONE_SLOT, slotCeilingMs: 5_000, attemptTimeoutMs: 20, resilience: { maxAttempts: 2 } });
    const first = deferred<string>();
    const sent: number[] = [];
    const result = rt.execute(
      call(async (ctx) => {
        sent.push(ctx.attempt);
        return ctx.attempt === 1 ? first.promise : 'second';
      }),
      within(5_000),
    );
    await clock.advance(1_000);
    expect(sent).toEqual([1]); // timed out at 20 ms, but the retry is still waiting for the slot
    expect(rt.status()).toMatchObject({ inFlight: 1, lastErrorClass: 'timeout' });
    first.resolve('discarded');
    await expect(clock.until(result)).resolves.toBe('second');
    expect(sent).toEqual([1, 2]);
  });

  it('When the upstream never answers and the call ignores its signal, then the ceiling still frees the slot', async () => {
    const rt = runtime({ clock, limits: ONE_SLOT, slotCeilingMs: 80, attemptTimeoutMs: 10 });
    let ceilingSignal: AbortSignal | undefined;
    const hung = rt.execute(
      call((ctx) => {
        ceilingSignal = ctx.signal;
        return new Promise<never>(() => undefined);
      }),
      within(20),
    );
    expect((await bffRejection(clock.until(hung))).code).toBe('UPSTREAM_TIMEOUT');
    expect(rt.status().inFlight).toBe(1);
    await clock.advance(59); // 79 ms in: one short of the ceiling
    expect(rt.status().inFlight).toBe(1);
    await clock.advance(1);
    expect(rt.status().inFlight).toBe(0);
    await expect(clock.withoutWaiting(rt.execute(call(async () => 'after the ceiling'), within(2_000)))).resolves.toBe('after the ceiling');
    expect(ceilingSignal?.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('When the instance closes while the upstream still works on a request, then its lease is kept until that answer', async () => {
    const store = new MemoryGateStore(ONE_SLOT, clock.now());
    const closing = runtime({ clock, limits: ONE_SLOT, store, slotCeilingMs: 5_000, resilience: { leaseTtlMs: 500 } });
    const other = runtime({ clock, limits: ONE_SLOT, store, slotCeilingMs: 5_000, resilience: { leaseTtlMs: 500 } });
    const answer = deferred<string>();
    const client = new AbortController();
    const abandoned = closing.execute(call(() => answer.promise), within(5_000, client.signal));
    await clock.advance(0);
    client.abort(new Error('client went away'));
    await bffRejection(abandoned);
    await closing.close();

    let ran = false;
    const next = other.execute(call(async () => void (ran = true)), within(60_000));
    await clock.advance(4_000); // eight lease TTLs, nobody renewing: the lease was kept until the ceiling
    expect(ran).toBe(false);
    answer.resolve('late');
    await clock.until(next);
    expect(ran).toBe(true);
  });

  it('When the slot is not held (Claude), then the caller leaving aborts the exchange and frees the slot at once', async () => {
    const rt = runtime({ clock, limits: ONE_SLOT });
    let signal: AbortSignal | undefined;
    const client = new AbortController();
    const abandoned = rt.execute(
      call((ctx) => {
        signal = ctx.signal;
        return new Promise<never>((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      }),
      within(5_000, client.signal),
    );
    await clock.advance(0);
    client.abort(new Error('client went away'));
    await bffRejection(abandoned);
    expect(signal?.aborted).toBe(true);
    expect(rt.status().inFlight).toBe(0);
  });
});
