import { MemoryGateStore } from '../gate/memory-gate-store';

const TTL = 10_000;

describe('MemoryGateStore', () => {
  it('reserves a slot and every dimension atomically, or nothing', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 5, budgets: { requests: 10, output_tokens: 100 }, windowMs: 60_000 }, 0);
    await store.tryAcquire({ requests: 1, output_tokens: 90 }, 0, TTL);
    const refused = await store.tryAcquire({ requests: 1, output_tokens: 20 }, 0, TTL);
    // 10 more output tokens at 100 per minute, plus the gate's arrival margin (250 ms of refill).
    expect(refused).toEqual({ ok: false, reason: 'budget', retryInMs: 6_250 });
    const snapshot = store.snapshot(0);
    expect(snapshot.leased).toBe(1);
    expect(snapshot.budgets.find((b) => b.dimension === 'requests')?.remaining).toBe(9); // nothing taken by the refusal
  });

  it('refuses a cost larger than a bucket as too large, whatever else is going on', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 1, budgets: { output_tokens: 100 }, windowMs: 60_000 }, 0);
    await store.pauseUntil(5_000);
    expect(await store.tryAcquire({ output_tokens: 101 }, 0, TTL)).toEqual({ ok: false, reason: 'too_large', retryInMs: Infinity });
  });

  it('holds concurrency and frees the slot on release with the refund', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 1, budgets: { output_tokens: 100 }, windowMs: 60_000 }, 0);
    const first = await store.tryAcquire({ output_tokens: 60 }, 0, TTL);
    expect(first.ok).toBe(true);
    expect(await store.tryAcquire({ output_tokens: 10 }, 0, TTL)).toMatchObject({ ok: false, reason: 'concurrency', retryInMs: TTL });
    if (!first.ok) throw new Error('unreachable');
    await store.release(first.leaseId, { output_tokens: 50 }, 0);
    expect(store.snapshot(0)).toMatchObject({ leased: 0, budgets: [{ remaining: 90 }] });
  });

  it('expires a lease after its TTL, and ignores the late release of the expired lease (fencing)', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, 0);
    const stale = await store.tryAcquire({}, 0, 1_000);
    const fresh = await store.tryAcquire({}, 1_000, 1_000);
    expect(fresh.ok).toBe(true);
    if (!stale.ok) throw new Error('unreachable');
    await store.release(stale.leaseId, {}, 1_100);
    // The late release did not free the slot that `fresh` now holds.
    expect(await store.tryAcquire({}, 1_100, 1_000)).toMatchObject({ ok: false, reason: 'concurrency' });
  });

  it('renews a live lease past its first expiry, never shortens it, and cannot revive an expired one', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, 0);
    const held = await store.tryAcquire({}, 0, 1_000);
    if (!held.ok) throw new Error('unreachable');
    expect(await store.renew(held.leaseId, 1_000, 900)).toBe(true);
    expect(await store.renew(held.leaseId, 10, 950)).toBe(true); // asks for less: the expiry stays at 1 900
    expect(await store.tryAcquire({}, 1_500, 1_000)).toMatchObject({ ok: false, reason: 'concurrency', retryInMs: 400 });
    expect(await store.renew(held.leaseId, 1_000, 1_900)).toBe(false);
    expect((await store.tryAcquire({}, 1_900, 1_000)).ok).toBe(true);
    expect(await store.renew('unknown', 1_000, 1_900)).toBe(false);
  });

  it('pauses every grant until the given time, only ever extending the pause', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 4, budgets: {}, windowMs: 60_000 }, 0);
    await store.pauseUntil(2_000);
    await store.pauseUntil(1_000);
    expect(await store.tryAcquire({}, 500, TTL)).toEqual({ ok: false, reason: 'paused', retryInMs: 1_500 });
    expect(store.snapshot(500).pausedUntil).toBe(2_000);
    expect((await store.tryAcquire({}, 2_000, TTL)).ok).toBe(true);
  });

  it('lowers a budget to what the upstream reports and records the report; unknown dimensions are ignored', async () => {
    const store = new MemoryGateStore({ maxConcurrency: 4, budgets: { requests: 50 }, windowMs: 60_000 }, 0);
    await store.correct('requests', { limit: 40, remaining: 3, resetAt: 9_000 }, 0);
    await store.correct('output_tokens', { remaining: 0 }, 0);
    expect(store.snapshot(0).budgets).toEqual([
      { dimension: 'requests', limit: 40, remaining: 3, refillPerMs: 40 / 60_000, upstreamRemaining: 3, upstreamResetAt: 9_000 },
    ]);
  });
});
