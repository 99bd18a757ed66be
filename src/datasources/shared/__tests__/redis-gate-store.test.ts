import type { RedisConnection } from '../../../redis/connection';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../../testing/redis-suite';
import type { GateLimits } from '../gate/gate-store';
import { RedisGateStore } from '../gate/redis-gate-store';

const TTL = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The MemoryGateStore tests, against real Redis. Time is Redis's own clock, so the exact figures of the
 * memory tests become ranges: a few ms pass between two calls and the buckets refill a little meanwhile.
 */
describeWithRedis('RedisGateStore (real Redis)', () => {
  let redis: RedisConnection;
  const connections: RedisConnection[] = [];

  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(async () => {
    await Promise.all([redis, ...connections].map((c) => c.close()));
  });

  const storeFor = (limits: GateLimits, prefix = uniquePrefix('gate'), apiKey = 'key-a', connection = redis) =>
    new RedisGateStore({ client: connection.client, prefix, upstream: 'claude', apiKey, limits });

  it('reserves a slot and every dimension atomically, or nothing', async () => {
    const store = storeFor({ maxConcurrency: 5, budgets: { requests: 10, output_tokens: 100 }, windowMs: 60_000 });
    expect((await store.tryAcquire({ requests: 1, output_tokens: 90 }, Date.now(), TTL)).ok).toBe(true);
    const refused = await store.tryAcquire({ requests: 1, output_tokens: 20 }, Date.now(), TTL);
    expect(refused).toMatchObject({ ok: false, reason: 'budget' });
    if (refused.ok) throw new Error('unreachable');
    // 10 tokens (+ the arrival margin, 250 ms of refill) missing at 100 per minute: 6.25 s, less what refilled meanwhile.
    expect(refused.retryInMs).toBeGreaterThan(6_000);
    expect(refused.retryInMs).toBeLessThanOrEqual(6_250);
    const snapshot = store.snapshot(Date.now());
    expect(snapshot.leased).toBe(1);
    expect(Math.floor(snapshot.budgets.find((b) => b.dimension === 'requests')?.remaining ?? 0)).toBe(9); // nothing taken by the refusal
  });

  it('refuses a cost larger than a bucket as too large, whatever else is going on', async () => {
    const store = storeFor({ maxConcurrency: 1, budgets: { output_tokens: 100 }, windowMs: 60_000 });
    await store.pauseUntil(Date.now() + 5_000);
    expect(await store.tryAcquire({ output_tokens: 101 }, Date.now(), TTL)).toEqual({ ok: false, reason: 'too_large', retryInMs: Infinity });
  });

  it('holds concurrency and frees the slot on release with the refund', async () => {
    const store = storeFor({ maxConcurrency: 1, budgets: { output_tokens: 100 }, windowMs: 60_000 });
    const first = await store.tryAcquire({ output_tokens: 60 }, Date.now(), TTL);
    if (!first.ok) throw new Error('the first acquire must be granted');
    const blocked = await store.tryAcquire({ output_tokens: 10 }, Date.now(), TTL);
    expect(blocked).toMatchObject({ ok: false, reason: 'concurrency' });
    if (blocked.ok) throw new Error('unreachable');
    expect(blocked.retryInMs).toBeGreaterThan(TTL - 1_000); // until the lease expires
    expect(blocked.retryInMs).toBeLessThanOrEqual(TTL);
    await store.release(first.leaseId, { output_tokens: 50 }, Date.now());
    const snapshot = store.snapshot(Date.now());
    expect(snapshot.leased).toBe(0);
    expect(Math.floor(snapshot.budgets[0]?.remaining ?? 0)).toBe(90);
  });

  it('expires a lease after its TTL, and ignores the late release of the expired lease (fencing)', async () => {
    const store = storeFor({ maxConcurrency: 1, budgets: { requests: 10 }, windowMs: 600_000 });
    const stale = await store.tryAcquire({ requests: 1 }, Date.now(), 150);
    if (!stale.ok) throw new Error('the first acquire must be granted');
    await sleep(200);
    const fresh = await store.tryAcquire({ requests: 1 }, Date.now(), TTL);
    expect(fresh.ok).toBe(true);
    await store.release(stale.leaseId, { requests: 1 }, Date.now());
    // The late release neither freed the slot that `fresh` now holds nor refunded its reservation.
    expect(await store.tryAcquire({ requests: 1 }, Date.now(), TTL)).toMatchObject({ ok: false, reason: 'concurrency' });
    expect(Math.floor(store.snapshot(Date.now()).budgets[0]?.remaining ?? 0)).toBe(8);
  });

  it('renews a live lease past its first expiry, never shortens it, and cannot revive an expired one', async () => {
    const store = storeFor({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 });
    const held = await store.tryAcquire({}, Date.now(), 60);
    if (!held.ok) throw new Error('the first acquire must be granted');
    expect(await store.renew(held.leaseId, TTL, Date.now())).toBe(true);
    expect(await store.renew(held.leaseId, 10, Date.now())).toBe(true); // asks for less: the expiry stays
    await sleep(80); // past the first TTL
    const blocked = await store.tryAcquire({}, Date.now(), TTL);
    expect(blocked).toMatchObject({ ok: false, reason: 'concurrency' });
    if (blocked.ok) throw new Error('unreachable');
    expect(blocked.retryInMs).toBeGreaterThan(TTL - 1_000);

    const short = storeFor({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 });
    const lapsed = await short.tryAcquire({}, Date.now(), 30);
    if (!lapsed.ok) throw new Error('the first acquire must be granted');
    await sleep(50);
    expect(await short.renew(lapsed.leaseId, TTL, Date.now())).toBe(false);
    expect((await short.tryAcquire({}, Date.now(), TTL)).ok).toBe(true);
  });

  it('pauses every grant until the given time, only ever extending the pause', async () => {
    const store = storeFor({ maxConcurrency: 4, budgets: {}, windowMs: 60_000 });
    await store.pauseUntil(Date.now() + 400);
    await store.pauseUntil(Date.now() + 100);
    const paused = await store.tryAcquire({}, Date.now(), TTL);
    expect(paused).toMatchObject({ ok: false, reason: 'paused' });
    if (paused.ok) throw new Error('unreachable');
    expect(paused.retryInMs).toBeGreaterThan(300);
    expect(paused.retryInMs).toBeLessThanOrEqual(400);
    expect(store.snapshot(Date.now()).pausedUntil).toBeGreaterThan(Date.now() + 300);
    await sleep(paused.retryInMs + 20);
    expect((await store.tryAcquire({}, Date.now(), TTL)).ok).toBe(true);
    expect(store.snapshot(Date.now()).pausedUntil).toBeUndefined();
  });

  it('lowers a budget to what the upstream reports and records the report; unknown dimensions are ignored', async () => {
    const store = storeFor({ maxConcurrency: 4, budgets: { requests: 50 }, windowMs: 60_000 });
    await store.correct('requests', { limit: 40, remaining: 3, resetAt: 9_000 }, Date.now());
    await store.correct('output_tokens', { remaining: 0 }, Date.now());
    const [budget, ...others] = store.snapshot(Date.now()).budgets;
    expect(others).toEqual([]);
    expect(budget).toMatchObject({ dimension: 'requests', limit: 40, refillPerMs: 40 / 60_000, upstreamRemaining: 3, upstreamResetAt: 9_000 });
    expect(Math.floor(budget?.remaining ?? 0)).toBe(3);
    // The lowered level is what the next reservation sees: 4 requests do not fit into 3.
    expect(await store.tryAcquire({ requests: 4 }, Date.now(), TTL)).toMatchObject({ ok: false, reason: 'budget' });
  });

  it('shares slots and budgets between instances of the same upstream key, never across keys', async () => {
    const other = await connectForTest();
    connections.push(other);
    const limits: GateLimits = { maxConcurrency: 1, budgets: { requests: 5 }, windowMs: 600_000 };
    const prefix = uniquePrefix('gate');
    const here = storeFor(limits, prefix);
    const there = storeFor(limits, prefix, 'key-a', other);
    const otherKey = storeFor(limits, prefix, 'key-b', other);
    expect((await here.tryAcquire({ requests: 1 }, Date.now(), TTL)).ok).toBe(true);
    expect(await there.tryAcquire({ requests: 1 }, Date.now(), TTL)).toMatchObject({ ok: false, reason: 'concurrency' });
    expect((await otherKey.tryAcquire({ requests: 1 }, Date.now(), TTL)).ok).toBe(true);
  });

  it('grants exactly the budget to a concurrent burst from two instances, and exactly one Woodpecker slot', async () => {
    const other = await connectForTest();
    connections.push(other);
    const budgetPrefix = uniquePrefix('gate');
    const budgeted = [storeFor({ maxConcurrency: 100, budgets: { requests: 10 }, windowMs: 600_000 }, budgetPrefix)];
    budgeted.push(storeFor({ maxConcurrency: 100, budgets: { requests: 10 }, windowMs: 600_000 }, budgetPrefix, 'key-a', other));
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => budgeted[i % 2]?.tryAcquire({ requests: 1 }, Date.now(), TTL)));
    // Exactly the budget of 10 less its last token, which waits out the arrival margin (TokenBucket.msUntil):
    // never more, however the two instances interleave.
    expect(burst.filter((r) => r?.ok)).toHaveLength(9);

    const slotPrefix = uniquePrefix('gate');
    const slots = [storeFor({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, slotPrefix)];
    slots.push(storeFor({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, slotPrefix, 'key-a', other));
    const race = await Promise.all(Array.from({ length: 20 }, (_, i) => slots[i % 2]?.tryAcquire({}, Date.now(), TTL)));
    expect(race.filter((r) => r?.ok)).toHaveLength(1);
  });

  it('keeps its keys under the prefix, the upstream name and a hash of the API key, never the key itself', async () => {
    const prefix = uniquePrefix('gate');
    const store = storeFor({ maxConcurrency: 1, budgets: { requests: 5 }, windowMs: 60_000 }, prefix, 'sk-secret-api-key');
    await store.tryAcquire({ requests: 1 }, Date.now(), TTL);
    const keys = await redis.client.keys(`${prefix}*`);
    expect(keys.sort()).toEqual([expect.stringMatching(/^test:gate:\d+:\d+:gate:\{claude:[0-9a-f]{16}\}:leases$/), expect.stringMatching(/:state$/)]);
    expect(keys.join()).not.toContain('sk-secret-api-key');
  });
});
