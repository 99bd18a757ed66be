import type { AttemptContext } from '../upstream';
import { bffRejection, call, captureLogs, deadline, deferred, failure, RecordingStore, runtime, scripted, TestClock } from './support/fakes';

const logs = captureLogs();

/** Every scenario runs on a test clock: waits are driven, never slept, and "at once" means "with the clock standing still". */
describe('upstream gate', () => {
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock();
  });
  const within = (ms: number, parent?: AbortSignal) => deadline(ms, parent, clock);

  it('never runs two attempts at once with concurrency 1, and serves 50 concurrent calls in arrival order', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
    let active = 0;
    let maxActive = 0;
    const started: number[] = [];
    const all = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rt.execute(
          call(async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            started.push(i);
            await clock.sleep(1);
            active -= 1;
            return i;
          }),
          within(10_000),
        ),
      ),
    );
    const results = await clock.until(all);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(maxActive).toBe(1);
    expect(started).toEqual(results);
  });

  it('never admits more requests in any interval than the bucket holds plus its refill', async () => {
    const capacity = 5;
    const windowMs = 100;
    const limits = { maxConcurrency: 20, budgets: { requests: capacity }, windowMs };
    const store = new RecordingStore(limits, clock.now());
    const rt = runtime({ clock, limits, store });
    await clock.until(Promise.all(Array.from({ length: 20 }, () => rt.execute(call(async () => 'ok'), within(5_000)))));
    const granted = store.grantedAt;
    expect(granted).toHaveLength(20);
    // Token bucket bound: the grants in [t_i, t_j] are at most capacity + (t_j - t_i) × capacity / window.
    for (let i = 0; i < granted.length; i++) {
      for (let j = i; j < granted.length; j++) {
        const allowed = Math.floor(capacity + ((granted[j]! - granted[i]!) * capacity) / windowMs + 1e-9);
        expect(j - i + 1).toBeLessThanOrEqual(allowed);
      }
    }
    expect(granted[19]! - granted[0]!).toBeGreaterThanOrEqual(((20 - capacity) * windowMs) / capacity);
  });

  describe('token reservations', () => {
    const limits = { budgets: { output_tokens: 1_000 }, windowMs: 60_000 };

    it('hold the whole reservation when the attempt does not settle', async () => {
      const rt = runtime({ clock, limits });
      const runs = { count: 0 };
      const generate = call(async () => void (runs.count += 1), { cost: { output_tokens: 400 } });
      await rt.execute(generate, within(1_000));
      await rt.execute(generate, within(1_000));
      const error = await bffRejection(clock.withoutWaiting(rt.execute(generate, within(1_000))));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(runs.count).toBe(2);
    });

    it('refund the unused part on settle, so more calls get through', async () => {
      const rt = runtime({ clock, limits });
      const generate = call(async (ctx: AttemptContext) => ctx.settle({ output_tokens: 100 }), { cost: { output_tokens: 400 } });
      for (let i = 0; i < 5; i++) await rt.execute(generate, within(1_000));
      expect(rt.status().budgets).toEqual([expect.objectContaining({ dimension: 'output_tokens', remaining: 500 })]);
    });

    it('keep the request of an answered refusal (the upstream counted it) but refund one that never arrived', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 4, budgets: { requests: 10 }, windowMs: 60_000 }, resilience: { maxAttempts: 1 } });
      const refused = failure('rate_limited', { status: 429, delivery: 'no', retryAfterMs: 1 });
      const unreachable = failure('network', { delivery: 'no' });
      await bffRejection(rt.execute(scripted([refused]).call, within(1_000)));
      const afterRefusal = rt.status().budgets[0]!.remaining;
      await clock.advance(1); // the pause the refusal asked for
      await bffRejection(rt.execute(scripted([unreachable]).call, within(1_000)));
      expect(afterRefusal).toBe(9);
      expect(rt.status().budgets[0]!.remaining).toBe(9);
    });

    it('fail at once when a cost exceeds the bucket capacity, without running', async () => {
      const rt = runtime({ clock, limits });
      const run = jest.fn(async () => 'never');
      const error = await bffRejection(clock.withoutWaiting(rt.execute(call(run, { cost: { output_tokens: 1_001 } }), within(5_000))));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(error.retryAfterSeconds).toBeUndefined();
      expect(run).not.toHaveBeenCalled();
      expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'error', kind: 'cost_too_large' }));
    });

    it('admit in strict FIFO order: a large reservation at the head is not starved by small ones behind it', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 10, budgets: { output_tokens: 10 }, windowMs: 200 } });
      await rt.execute(call(async () => 'drain', { cost: { output_tokens: 10 } }), within(1_000));
      const order: string[] = [];
      const take = (name: string, tokens: number) =>
        rt.execute(call(async () => void order.push(name), { cost: { output_tokens: tokens } }), within(3_000));
      await clock.until(Promise.all([take('big', 10), ...Array.from({ length: 5 }, (_, i) => take(`small${i}`, 1))]));
      expect(order[0]).toBe('big');
    });
  });

  describe('adaptive budgets', () => {
    const limits = { budgets: { requests: 100, input_tokens: 10_000 }, windowMs: 60_000 };
    const resetAt = () => new Date(clock.now() + 60_000).toISOString();

    it('lower the local budget to what the upstream reports', async () => {
      const rt = runtime({ clock, limits });
      const reset = resetAt();
      const headers: Record<string, string> = {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': reset,
        'anthropic-ratelimit-input-tokens-remaining': '4000',
      };
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders((name) => headers[name])), within(1_000));
      const [requests, input] = rt.status().budgets;
      expect(requests).toMatchObject({ limit: 50, remaining: 0, upstreamRemaining: 0, upstreamResetAt: new Date(reset) });
      expect(input!.remaining).toBeLessThanOrEqual(4_000);

      const run = jest.fn(async () => 'never');
      const error = await bffRejection(clock.withoutWaiting(rt.execute(call(run), within(500))));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(run).not.toHaveBeenCalled();
    });

    it('never raise the local budget, and change nothing without headers', async () => {
      const rt = runtime({ clock, limits });
      const generous: Record<string, string> = { 'anthropic-ratelimit-requests-remaining': '100000' };
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders((name) => generous[name])), within(1_000));
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders(() => undefined)), within(1_000));
      const [requests, input] = rt.status().budgets;
      expect(requests).toMatchObject({ limit: 100, remaining: 98, upstreamRemaining: 100_000 });
      expect(input).toMatchObject({ limit: 10_000 });
    });
  });

  describe('pause on retry-after', () => {
    it('holds back every call, not only the one that was told to wait', async () => {
      const store = new RecordingStore({ maxConcurrency: 4, budgets: {}, windowMs: 1_000 }, clock.now());
      const rt = runtime({ clock, store });
      const told = scripted([failure('rate_limited', { retryAfterMs: 150 }), 'ok']);
      const failedAt = clock.now();
      const a = rt.execute(told.call, within(5_000));
      await clock.advance(0);
      expect(store.pauses).toEqual([failedAt + 150]);
      const b = rt.execute(call(async () => 'other'), within(5_000));
      await clock.advance(149);
      expect(store.grantedAt).toHaveLength(1); // only a's first attempt: b and a's retry wait out the pause
      await clock.until(Promise.all([a, b]));
      expect(store.grantedAt).toHaveLength(3);
      for (const at of store.grantedAt.slice(1)) expect(at).toBeGreaterThanOrEqual(failedAt + 150);
    });

    it('fails at once the calls whose deadline cannot cover the pause', async () => {
      const rt = runtime({ clock, resilience: { maxAttempts: 1 } });
      await bffRejection(rt.execute(scripted([failure('rate_limited', { retryAfterMs: 3_000 })]).call, within(1_000)));
      const run = jest.fn(async () => 'never');
      const error = await bffRejection(clock.withoutWaiting(rt.execute(call(run), within(500))));
      expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
      expect(error.retryAfterSeconds).toBe(3);
      expect(run).not.toHaveBeenCalled();
    });

    it('When retry-after is beyond the cap, then the call fails at once with UPSTREAM_RATE_LIMITED and the hint, and the gate pauses only for the cap', async () => {
      const store = new RecordingStore({ maxConcurrency: 4, budgets: {}, windowMs: 1_000 }, clock.now());
      const rt = runtime({ clock, store, resilience: { maxRetryAfterMs: 50 } });
      const script = scripted([failure('rate_limited', { retryAfterMs: 1_000 }), 'ok']);
      const error = await bffRejection(clock.withoutWaiting(rt.execute(script.call, within(5_000))));
      expect(error).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 1 });
      expect(script.runs).toBe(1); // the deadline had room for the wait, but the cap says do not wait that long
      expect(store.pauses).toEqual([clock.now() + 50]);
    });

    it('pauses for one request of refill after a 429 without retry-after', async () => {
      const limits = { budgets: { requests: 10 }, windowMs: 1_000 };
      const store = new RecordingStore({ maxConcurrency: 4, ...limits }, clock.now());
      const rt = runtime({ clock, limits, store, resilience: { maxAttempts: 1 } });
      await bffRejection(rt.execute(scripted([failure('rate_limited')]).call, within(1_000)));
      expect(store.pauses).toEqual([clock.now() + 100]);
    });

    it('does not pause for a spend cap', async () => {
      const rt = runtime({ clock });
      await bffRejection(rt.execute(scripted([failure('spend_cap')]).call, within(1_000)));
      expect(rt.status().pausedUntil).toBeUndefined();
    });
  });

  describe('queue limits', () => {
    it('refuses with UPSTREAM_BUSY and a retry estimate when the queue is full', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 1 }, resilience: { queueMax: 2 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), within(5_000));
      const queued = [1, 2].map(() => rt.execute(call(async () => 'queued'), within(5_000)));
      await clock.advance(0);
      expect(rt.status()).toMatchObject({ inFlight: 1, queued: 2 });
      const error = await bffRejection(clock.withoutWaiting(rt.execute(call(async () => 'never'), within(5_000))));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.message).toMatch(/^Claude is busy right now; try again in \d+ seconds?\.$/);
      release.resolve();
      await expect(clock.until(Promise.all([holder, ...queued]))).resolves.toEqual([undefined, 'queued', 'queued']);
    });

    it('refuses at once when the estimated wait exceeds the deadline', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
      const slow = call(() => clock.sleep(60));
      for (let i = 0; i < 3; i++) await clock.until(rt.execute(slow, within(5_000))); // teaches the gate: 60 ms per call
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), within(5_000));
      const queued = [1, 2].map(() => rt.execute(slow, within(5_000)));
      await clock.advance(0);
      const run = jest.fn(async () => 'never');
      // Three calls to drain (180 ms) plus its own (60 ms) cannot fit in 150 ms.
      const error = await bffRejection(clock.withoutWaiting(rt.execute(call(run), within(150))));
      expect(error.code).toBe('UPSTREAM_BUSY'); // waiting would have ended in UPSTREAM_TIMEOUT
      expect(run).not.toHaveBeenCalled();
      release.resolve();
      await clock.until(Promise.all([holder, ...queued]));
    });

    it('refuses waiters that outstay the queue maximum wait, exactly then', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 1 }, resilience: { queueMaxWaitMs: 50 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), within(5_000));
      let settled = false;
      const late = bffRejection(rt.execute(call(async () => 'late'), within(5_000))).finally(() => (settled = true));
      await clock.advance(49);
      expect(settled).toBe(false);
      await clock.advance(1);
      expect((await clock.withoutWaiting(late)).code).toBe('UPSTREAM_BUSY');
      release.resolve();
      await holder;
    });
  });

  describe('abort while queued', () => {
    it('removes the waiter and never runs it', async () => {
      const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), within(5_000));
      const client = new AbortController();
      const run = jest.fn(async () => 'never');
      const waiting = rt.execute(call(run), within(5_000, client.signal));
      await clock.advance(0);
      expect(rt.status().queued).toBe(1);
      client.abort(new Error('client went away'));
      const error = await bffRejection(waiting);
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      expect(rt.status().queued).toBe(0);
      release.resolve();
      await holder;
      await expect(rt.execute(call(async () => 'next'), within(1_000))).resolves.toBe('next');
      expect(run).not.toHaveBeenCalled();
      expect(rt.status().inFlight).toBe(0);
    });

    it('lets the calls behind an abandoned head through without waiting for its refill', async () => {
      const rt = runtime({ clock, limits: { budgets: { output_tokens: 100 }, windowMs: 60_000 }, resilience: { queueMaxWaitMs: 120_000 } });
      await rt.execute(call(async () => 'drain', { cost: { output_tokens: 100 } }), within(1_000));
      const client = new AbortController();
      const big = rt.execute(call(async () => 'big', { cost: { output_tokens: 100 } }), within(120_000, client.signal));
      const small = rt.execute(call(async () => 'small', { cost: { output_tokens: 0 } }), within(120_000));
      await clock.advance(0);
      expect(rt.status().queued).toBe(2);
      client.abort(new Error('client went away'));
      await bffRejection(big);
      // The big one needed a whole minute of refill; the small one only about the bucket's arrival margin (250 ms).
      await expect(clock.until(small, 1_000)).resolves.toBe('small');
    });
  });

  it('close() refuses queued and new calls and releases the leases it holds', async () => {
    const rt = runtime({ clock, limits: { maxConcurrency: 1 } });
    const release = deferred();
    const holder = rt.execute(call(() => release.promise), within(5_000));
    const waiting = rt.execute(call(async () => 'never'), within(5_000));
    await clock.advance(0);
    await rt.close();
    expect((await bffRejection(waiting)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await bffRejection(rt.execute(call(async () => 'never'), within(1_000)))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(rt.status()).toMatchObject({ inFlight: 0, queued: 0 });
    release.resolve();
    await holder;
  });
});
