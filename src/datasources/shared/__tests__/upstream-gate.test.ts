import type { AttemptContext } from '../upstream';
import { bffRejection, call, captureLogs, deadline, deferred, failure, flush, RecordingStore, runtime, scripted, sleep } from './support/fakes';

const logs = captureLogs();

describe('upstream gate', () => {
  it('never runs two attempts at once with concurrency 1, and serves 50 concurrent calls in arrival order', async () => {
    const rt = runtime({ limits: { maxConcurrency: 1 } });
    let active = 0;
    let maxActive = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rt.execute(
          call(async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            started.push(i);
            await sleep(1);
            active -= 1;
            return i;
          }),
          deadline(10_000),
        ),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(maxActive).toBe(1);
    expect(started).toEqual(results);
  });

  it('never admits more requests in any interval than the bucket holds plus its refill', async () => {
    const capacity = 5;
    const windowMs = 100;
    const limits = { maxConcurrency: 20, budgets: { requests: capacity }, windowMs };
    const store = new RecordingStore(limits);
    const rt = runtime({ limits, store });
    await Promise.all(Array.from({ length: 20 }, () => rt.execute(call(async () => 'ok'), deadline(5_000))));
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
      const rt = runtime({ limits });
      const runs = { count: 0 };
      const generate = call(async () => void (runs.count += 1), { cost: { output_tokens: 400 } });
      await rt.execute(generate, deadline(1_000));
      await rt.execute(generate, deadline(1_000));
      const error = await bffRejection(rt.execute(generate, deadline(1_000)));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(runs.count).toBe(2);
    });

    it('refund the unused part on settle, so more calls get through', async () => {
      const rt = runtime({ limits });
      const generate = call(async (ctx: AttemptContext) => ctx.settle({ output_tokens: 100 }), { cost: { output_tokens: 400 } });
      for (let i = 0; i < 5; i++) await rt.execute(generate, deadline(1_000));
      expect(rt.status().budgets).toEqual([expect.objectContaining({ dimension: 'output_tokens', remaining: 500 })]);
    });

    it('keep the request of an answered refusal (the upstream counted it) but refund one that never arrived', async () => {
      const rt = runtime({ limits: { maxConcurrency: 4, budgets: { requests: 10 }, windowMs: 60_000 }, resilience: { maxAttempts: 1 } });
      const refused = failure('rate_limited', { status: 429, delivery: 'no', retryAfterMs: 1 });
      const unreachable = failure('network', { delivery: 'no' });
      await bffRejection(rt.execute(scripted([refused]).call, deadline(1_000)));
      const afterRefusal = rt.status().budgets[0]!.remaining;
      await bffRejection(rt.execute(scripted([unreachable]).call, deadline(1_000)));
      expect(afterRefusal).toBe(9);
      expect(rt.status().budgets[0]!.remaining).toBe(9);
    });

    it('fail fast when a cost exceeds the bucket capacity, without running', async () => {
      const rt = runtime({ limits });
      const run = jest.fn(async () => 'never');
      const started = Date.now();
      const error = await bffRejection(rt.execute(call(run, { cost: { output_tokens: 1_001 } }), deadline(5_000)));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(error.retryAfterSeconds).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(run).not.toHaveBeenCalled();
      expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'error', kind: 'cost_too_large' }));
    });

    it('admit in strict FIFO order: a large reservation at the head is not starved by small ones behind it', async () => {
      const rt = runtime({ limits: { maxConcurrency: 10, budgets: { output_tokens: 10 }, windowMs: 200 } });
      await rt.execute(call(async () => 'drain', { cost: { output_tokens: 10 } }), deadline(1_000));
      const order: string[] = [];
      const take = (name: string, tokens: number) =>
        rt.execute(call(async () => void order.push(name), { cost: { output_tokens: tokens } }), deadline(3_000));
      await Promise.all([take('big', 10), ...Array.from({ length: 5 }, (_, i) => take(`small${i}`, 1))]);
      expect(order[0]).toBe('big');
    });
  });

  describe('adaptive budgets', () => {
    const limits = { budgets: { requests: 100, input_tokens: 10_000 }, windowMs: 60_000 };
    const resetAt = () => new Date(Date.now() + 60_000).toISOString();

    it('lower the local budget to what the upstream reports', async () => {
      const rt = runtime({ limits });
      const reset = resetAt();
      const headers: Record<string, string> = {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': reset,
        'anthropic-ratelimit-input-tokens-remaining': '4000',
      };
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders((name) => headers[name])), deadline(1_000));
      const [requests, input] = rt.status().budgets;
      expect(requests).toMatchObject({ limit: 50, remaining: 0, upstreamRemaining: 0, upstreamResetAt: new Date(reset) });
      expect(input!.remaining).toBeLessThanOrEqual(4_000);

      const run = jest.fn(async () => 'never');
      const error = await bffRejection(rt.execute(call(run), deadline(500)));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(run).not.toHaveBeenCalled();
    });

    it('never raise the local budget, and change nothing without headers', async () => {
      const rt = runtime({ limits });
      const generous: Record<string, string> = { 'anthropic-ratelimit-requests-remaining': '100000' };
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders((name) => generous[name])), deadline(1_000));
      await rt.execute(call(async (ctx) => ctx.observeRateLimitHeaders(() => undefined)), deadline(1_000));
      const [requests, input] = rt.status().budgets;
      expect(requests).toMatchObject({ limit: 100, remaining: 98, upstreamRemaining: 100_000 });
      expect(input).toMatchObject({ limit: 10_000 });
    });
  });

  describe('pause on retry-after', () => {
    it('holds back every call, not only the one that was told to wait', async () => {
      const store = new RecordingStore({ maxConcurrency: 4, budgets: {}, windowMs: 1_000 });
      const rt = runtime({ store });
      const firstFailed = deferred<number>();
      const told = scripted([failure('rate_limited', { retryAfterMs: 150 }), 'ok']);
      const a = rt.execute(
        {
          ...told.call,
          run: async (ctx) => {
            if (ctx.attempt === 1) firstFailed.resolve(Date.now());
            return told.call.run(ctx);
          },
        },
        deadline(5_000),
      );
      const failedAt = await firstFailed.promise;
      await flush();
      const [pausedUntil] = store.pauses;
      expect(pausedUntil! - failedAt).toBeGreaterThanOrEqual(150);
      const b = rt.execute(call(async () => 'other'), deadline(5_000));
      await Promise.all([a, b]);
      // Grants: a's first attempt, then b and a's retry, both only once the pause was over.
      expect(store.grantedAt).toHaveLength(3);
      for (const at of store.grantedAt.slice(1)) expect(at).toBeGreaterThanOrEqual(pausedUntil!);
    });

    it('fails fast the calls whose deadline cannot cover the pause', async () => {
      const rt = runtime({ resilience: { maxAttempts: 1 } });
      await bffRejection(rt.execute(scripted([failure('rate_limited', { retryAfterMs: 3_000 })]).call, deadline(1_000)));
      const run = jest.fn(async () => 'never');
      const started = Date.now();
      const error = await bffRejection(rt.execute(call(run), deadline(500)));
      expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
      expect(error.retryAfterSeconds).toBe(3);
      expect(Date.now() - started).toBeLessThan(250);
      expect(run).not.toHaveBeenCalled();
    });

    it('When retry-after is beyond the cap, then the call fails at once with UPSTREAM_RATE_LIMITED and the hint, and the gate pauses only for the cap', async () => {
      const store = new RecordingStore({ maxConcurrency: 4, budgets: {}, windowMs: 1_000 });
      const rt = runtime({ store, resilience: { maxRetryAfterMs: 50 } });
      const script = scripted([failure('rate_limited', { retryAfterMs: 1_000 }), 'ok']);
      const before = Date.now();
      const error = await bffRejection(rt.execute(script.call, deadline(5_000)));
      expect(error).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 1 });
      expect(script.runs).toBe(1); // the deadline had room for the wait, but the cap says do not wait that long
      expect(store.pauses).toHaveLength(1);
      expect(store.pauses[0]!).toBeLessThanOrEqual(Date.now() + 50);
      expect(store.pauses[0]!).toBeGreaterThanOrEqual(before + 50);
    });

    it('pauses for one request of refill after a 429 without retry-after', async () => {
      const limits = { budgets: { requests: 10 }, windowMs: 1_000 };
      const store = new RecordingStore({ maxConcurrency: 4, ...limits });
      const rt = runtime({ limits, store, resilience: { maxAttempts: 1 } });
      const before = Date.now();
      await bffRejection(rt.execute(scripted([failure('rate_limited')]).call, deadline(1_000)));
      const after = Date.now();
      expect(store.pauses).toHaveLength(1);
      expect(store.pauses[0]!).toBeGreaterThanOrEqual(before + 100);
      expect(store.pauses[0]!).toBeLessThanOrEqual(after + 100);
    });

    it('does not pause for a spend cap', async () => {
      const rt = runtime();
      await bffRejection(rt.execute(scripted([failure('spend_cap')]).call, deadline(1_000)));
      expect(rt.status().pausedUntil).toBeUndefined();
    });
  });

  describe('queue limits', () => {
    it('refuses with UPSTREAM_BUSY and a retry estimate when the queue is full', async () => {
      const rt = runtime({ limits: { maxConcurrency: 1 }, resilience: { queueMax: 2 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), deadline(5_000));
      const queued = [1, 2].map(() => rt.execute(call(async () => 'queued'), deadline(5_000)));
      await flush();
      expect(rt.status()).toMatchObject({ inFlight: 1, queued: 2 });
      const error = await bffRejection(rt.execute(call(async () => 'never'), deadline(5_000)));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.message).toMatch(/^Claude is busy right now; try again in \d+ seconds?\.$/);
      release.resolve();
      await expect(Promise.all([holder, ...queued])).resolves.toEqual([undefined, 'queued', 'queued']);
    });

    it('refuses at once when the estimated wait exceeds the deadline', async () => {
      const rt = runtime({ limits: { maxConcurrency: 1 } });
      const slow = call(() => sleep(60));
      for (let i = 0; i < 3; i++) await rt.execute(slow, deadline(5_000)); // teaches the gate: ~60 ms per call
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), deadline(5_000));
      const queued = [1, 2].map(() => rt.execute(slow, deadline(5_000)));
      await flush();
      const run = jest.fn(async () => 'never');
      const started = Date.now();
      // Three calls to drain (~180 ms) plus its own (~60 ms) cannot fit in 150 ms.
      const error = await bffRejection(rt.execute(call(run), deadline(150)));
      expect(error.code).toBe('UPSTREAM_BUSY'); // waiting would have ended in UPSTREAM_TIMEOUT
      expect(Date.now() - started).toBeLessThan(140);
      expect(run).not.toHaveBeenCalled();
      release.resolve();
      await Promise.all([holder, ...queued]);
    });

    it('refuses waiters that outstay the queue maximum wait', async () => {
      const rt = runtime({ limits: { maxConcurrency: 1 }, resilience: { queueMaxWaitMs: 50 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), deadline(5_000));
      const started = Date.now();
      const error = await bffRejection(rt.execute(call(async () => 'late'), deadline(5_000)));
      expect(error.code).toBe('UPSTREAM_BUSY');
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
      expect(Date.now() - started).toBeLessThan(2_000);
      release.resolve();
      await holder;
    });
  });

  describe('abort while queued', () => {
    it('removes the waiter and never runs it', async () => {
      const rt = runtime({ limits: { maxConcurrency: 1 } });
      const release = deferred();
      const holder = rt.execute(call(() => release.promise), deadline(5_000));
      const client = new AbortController();
      const run = jest.fn(async () => 'never');
      const waiting = rt.execute(call(run), deadline(5_000, client.signal));
      await flush();
      expect(rt.status().queued).toBe(1);
      client.abort(new Error('client went away'));
      const error = await bffRejection(waiting);
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      expect(rt.status().queued).toBe(0);
      release.resolve();
      await holder;
      await expect(rt.execute(call(async () => 'next'), deadline(1_000))).resolves.toBe('next');
      expect(run).not.toHaveBeenCalled();
      expect(rt.status().inFlight).toBe(0);
    });

    it('lets the calls behind an abandoned head through at once', async () => {
      const rt = runtime({ limits: { budgets: { output_tokens: 100 }, windowMs: 60_000 }, resilience: { queueMaxWaitMs: 120_000 } });
      await rt.execute(call(async () => 'drain', { cost: { output_tokens: 100 } }), deadline(1_000));
      const client = new AbortController();
      const big = rt.execute(call(async () => 'big', { cost: { output_tokens: 100 } }), deadline(120_000, client.signal));
      const small = rt.execute(call(async () => 'small', { cost: { output_tokens: 0 } }), deadline(120_000));
      await flush();
      expect(rt.status().queued).toBe(2);
      client.abort(new Error('client went away'));
      await bffRejection(big);
      await expect(small).resolves.toBe('small');
    });
  });

  it('close() refuses queued and new calls and releases the leases it holds', async () => {
    const rt = runtime({ limits: { maxConcurrency: 1 } });
    const release = deferred();
    const holder = rt.execute(call(() => release.promise), deadline(5_000));
    const waiting = rt.execute(call(async () => 'never'), deadline(5_000));
    await flush();
    await rt.close();
    expect((await bffRejection(waiting)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await bffRejection(rt.execute(call(async () => 'never'), deadline(1_000)))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(rt.status()).toMatchObject({ inFlight: 0, queued: 0 });
    release.resolve();
    await holder;
  });
});
