import type { RedisConnection } from '../../redis/connection';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import { MemoryIdempotencyStore, type ClaimResult, type ClaimTimes, type IdempotencyStore, type StoreLimits } from '../idempotency-store';
import { RedisIdempotencyStore } from '../redis-idempotency-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Step = { sent: number };

const TIMES: ClaimTimes = { claimTtlMs: 5_000, retentionMs: 60_000, etaMs: 30_000 };
const ROOMY: StoreLimits = { maxKeys: 1_000, maxBytesPerKey: 10_000 };

function claimed(result: ClaimResult<Step>): Extract<ClaimResult<Step>, { state: 'claimed' }> {
  if (result.state !== 'claimed') throw new Error(`expected the claim to win, got ${result.state}`);
  return result;
}

/** One contract, two stores: what export idempotency relies on, in memory and in Redis. */
function storeContract(newStore: (limits?: StoreLimits) => IdempotencyStore<Step>): void {
  it('When a key is claimed, then a repeat sees it running with the holder’s expected end, then done with its steps', async () => {
    const store = newStore();
    const first = claimed(await store.claim('k', 'fp-1', TIMES));
    expect(first.steps).toEqual({});
    const running = await store.claim('k', 'fp-1', TIMES);
    expect(running.state === 'running' && running.retryInMs).toBeGreaterThan(25_000);
    expect(await store.record('k', first.token, '0', { sent: 50 }, TIMES)).toBe('ok');
    await store.complete('k', first.token, TIMES);
    expect(await store.claim('k', 'fp-1', TIMES)).toEqual({ state: 'done', steps: { '0': { sent: 50 } } });
  });

  it('When the same key comes with another input, then it is a mismatch, whatever state the key is in', async () => {
    const store = newStore();
    const first = claimed(await store.claim('k', 'fp-1', TIMES));
    expect(await store.claim('k', 'fp-2', TIMES)).toEqual({ state: 'mismatch' });
    await store.complete('k', first.token, TIMES);
    expect(await store.claim('k', 'fp-2', TIMES)).toEqual({ state: 'mismatch' });
  });

  it('When a holder releases after recording steps, then the next claim gets them to resume from', async () => {
    const store = newStore();
    const first = claimed(await store.claim('k', 'fp', TIMES));
    await store.record('k', first.token, '0', { sent: 50 }, TIMES);
    await store.record('k', first.token, '50', { sent: 20 }, TIMES);
    await store.release('k', first.token);
    const next = claimed(await store.claim('k', 'fp', TIMES));
    expect(next.steps).toEqual({ '0': { sent: 50 }, '50': { sent: 20 } });
    expect(next.token).not.toBe(first.token);
  });

  it('When a holder releases without any step, then the key is forgotten', async () => {
    const store = newStore();
    const first = claimed(await store.claim('k', 'fp', TIMES));
    expect(await store.known('k')).toBe(true);
    await store.release('k', first.token);
    expect(await store.known('k')).toBe(false);
    expect((await store.claim('k', 'other-input', TIMES)).state).toBe('claimed');
  });

  it('When a holder stops renewing, then its claim lapses, the next claim takes over with the steps, and the late holder is fenced out', async () => {
    const store = newStore();
    const short = { ...TIMES, claimTtlMs: 100 };
    const late = claimed(await store.claim('k', 'fp', short));
    await store.record('k', late.token, '0', { sent: 1 }, short);
    await sleep(150);
    const current = claimed(await store.claim('k', 'fp', TIMES));
    expect(current.steps).toEqual({ '0': { sent: 1 } });
    expect(await store.record('k', late.token, '1', { sent: 2 }, TIMES)).toBe('lost');
    expect(await store.renew('k', late.token, TIMES)).toBe(false);
    await store.complete('k', late.token, TIMES);
    await store.release('k', late.token);
    expect((await store.claim('k', 'fp', TIMES)).state).toBe('running');
  });

  it('When the holder renews, then its claim outlives its TTL', async () => {
    const store = newStore();
    const short = { ...TIMES, claimTtlMs: 200 };
    const holder = claimed(await store.claim('k', 'fp', short));
    for (let i = 0; i < 3; i++) {
      await sleep(100);
      expect(await store.renew('k', holder.token, short)).toBe(true);
    }
    expect((await store.claim('k', 'fp', short)).state).toBe('running');
  });

  it('When the retention period passes after completion, then the key is forgotten', async () => {
    const store = newStore();
    const first = claimed(await store.claim('k', 'fp', TIMES));
    await store.record('k', first.token, '0', { sent: 1 }, TIMES);
    await store.complete('k', first.token, { ...TIMES, retentionMs: 100 });
    await sleep(150);
    expect(await store.known('k')).toBe(false);
    expect(claimed(await store.claim('k', 'fp', TIMES)).steps).toEqual({});
  });

  it('When 20 calls claim one key at once, then exactly one holds it', async () => {
    const store = newStore();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('k', 'fp', TIMES)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
  });

  it('When keys differ, then they are apart', async () => {
    const store = newStore();
    expect((await store.claim('a', 'fp', TIMES)).state).toBe('claimed');
    expect((await store.claim('b', 'fp', TIMES)).state).toBe('claimed');
  });

  it('When the store holds its maximum of keys, then a new key evicts the oldest one that is not running', async () => {
    const store = newStore({ ...ROOMY, maxKeys: 3 });
    claimed(await store.claim('running', 'fp', TIMES)); // the oldest, but live: never evicted
    const done = claimed(await store.claim('done', 'fp', TIMES));
    await store.record('done', done.token, '0', { sent: 1 }, TIMES);
    await store.complete('done', done.token, TIMES);
    claimed(await store.claim('third', 'fp', TIMES));
    claimed(await store.claim('new', 'fp', TIMES));
    expect(await store.known('done')).toBe(false);
    expect(await Promise.all(['running', 'third', 'new'].map((k) => store.known(k)))).toEqual([true, true, true]);
  });

  it('When every key the store may hold is running, then a new key is refused with a retry hint', async () => {
    const store = newStore({ ...ROOMY, maxKeys: 2 });
    claimed(await store.claim('a', 'fp', TIMES));
    claimed(await store.claim('b', 'fp', TIMES));
    const refused = await store.claim('c', 'fp', TIMES);
    expect(refused.state).toBe('full');
    expect(refused.state === 'full' && refused.retryInMs).toBeGreaterThan(4_000);
    expect(await store.known('c')).toBe(false);
  });

  it('When a key’s steps would exceed its size cap, then the step is refused and the earlier ones stay', async () => {
    const store = newStore({ ...ROOMY, maxBytesPerKey: 40 });
    const holder = claimed(await store.claim('k', 'fp', TIMES));
    expect(await store.record('k', holder.token, '0', { sent: 1 }, TIMES)).toBe('ok'); // {"sent":1}: 10 bytes
    expect(await store.record('k', holder.token, '1', { sent: 2 }, TIMES)).toBe('ok');
    expect(await store.record('k', holder.token, '2', { sent: 10 ** 20 }, TIMES)).toBe('too_large');
    expect(await store.record('k', holder.token, '1', { sent: 3 }, TIMES)).toBe('ok'); // a replaced step counts once
    await store.release('k', holder.token);
    expect(claimed(await store.claim('k', 'fp', TIMES)).steps).toEqual({ '0': { sent: 1 }, '1': { sent: 3 } });
  });
}

describe('MemoryIdempotencyStore', () => {
  storeContract((limits = ROOMY) => new MemoryIdempotencyStore<Step>(limits));
});

describeWithRedis('RedisIdempotencyStore (real Redis)', () => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(() => redis.close());

  storeContract((limits = ROOMY) => new RedisIdempotencyStore<Step>(redis.client, uniquePrefix('idem'), limits));

  it('When two instances share the prefix, then they share claims and steps under <prefix>idem:, kept for the retention period', async () => {
    const prefix = uniquePrefix('idem');
    const other = await connectForTest();
    try {
      const here = new RedisIdempotencyStore<Step>(redis.client, prefix, ROOMY);
      const there = new RedisIdempotencyStore<Step>(other.client, prefix, ROOMY);
      const first = claimed(await here.claim('k', 'fp', TIMES));
      expect((await there.claim('k', 'fp', TIMES)).state).toBe('running');
      await here.record('k', first.token, '0', { sent: 4 }, TIMES);
      await here.complete('k', first.token, TIMES);
      expect(await there.claim('k', 'fp', TIMES)).toEqual({ state: 'done', steps: { '0': { sent: 4 } } });
      expect(await redis.client.pttl(`${prefix}idem:k`)).toBeGreaterThan(55_000);
      expect(await redis.client.zcard(`${prefix}idem:index`)).toBe(1);
    } finally {
      await other.close();
    }
  });
});
