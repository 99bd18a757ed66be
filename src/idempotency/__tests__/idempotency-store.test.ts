import type { RedisConnection } from '../../redis/connection';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency-store';
import { RedisIdempotencyStore } from '../redis-idempotency-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Outcome = { succeeded: number };

/** One contract, two stores: what the export idempotency relies on, in memory and in Redis. */
function storeContract(newStore: () => IdempotencyStore<Outcome>): void {
  it('lets the first call claim a key; the next ones see it running, then its outcome', async () => {
    const store = newStore();
    const first = await store.claim('k', 'fp-1', 5_000);
    if (first.state !== 'claimed') throw new Error('the first claim must win');
    const running = await store.claim('k', 'fp-1', 5_000);
    expect(running).toMatchObject({ state: 'running', fingerprint: 'fp-1' });
    expect(running.state === 'running' && running.retryInMs).toBeGreaterThan(4_000);
    await store.complete('k', first.token, { succeeded: 3 }, 60_000);
    expect(await store.claim('k', 'fp-2', 5_000)).toEqual({ state: 'done', fingerprint: 'fp-1', result: { succeeded: 3 } });
  });

  it('frees a released claim, so the same key can be retried', async () => {
    const store = newStore();
    const first = await store.claim('k', 'fp', 5_000);
    if (first.state !== 'claimed') throw new Error('the first claim must win');
    await store.release('k', first.token);
    expect((await store.claim('k', 'fp', 5_000)).state).toBe('claimed');
  });

  it('lets an expired claim be taken over, and fences the late holder out (no complete, no release)', async () => {
    const store = newStore();
    const late = await store.claim('k', 'fp', 100);
    if (late.state !== 'claimed') throw new Error('the first claim must win');
    await sleep(150);
    const current = await store.claim('k', 'fp', 5_000);
    expect(current.state).toBe('claimed');
    await store.complete('k', late.token, { succeeded: 1 }, 60_000);
    await store.release('k', late.token);
    expect(await store.claim('k', 'fp', 5_000)).toMatchObject({ state: 'running' });
  });

  it('forgets an outcome after its retention period', async () => {
    const store = newStore();
    const first = await store.claim('k', 'fp', 5_000);
    if (first.state !== 'claimed') throw new Error('the first claim must win');
    await store.complete('k', first.token, { succeeded: 2 }, 100);
    await sleep(150);
    expect((await store.claim('k', 'fp', 5_000)).state).toBe('claimed');
  });

  it('hands a key to exactly one of many concurrent claimers', async () => {
    const store = newStore();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('k', 'fp', 5_000)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
  });

  it('keeps keys apart', async () => {
    const store = newStore();
    expect((await store.claim('a', 'fp', 5_000)).state).toBe('claimed');
    expect((await store.claim('b', 'fp', 5_000)).state).toBe('claimed');
  });
}

describe('MemoryIdempotencyStore', () => {
  storeContract(() => new MemoryIdempotencyStore<Outcome>());
});

describeWithRedis('RedisIdempotencyStore (real Redis)', () => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(() => redis.close());

  storeContract(() => new RedisIdempotencyStore<Outcome>(redis.client, uniquePrefix('idem')));

  it('shares claims and outcomes between instances under <prefix>idem:', async () => {
    const prefix = uniquePrefix('idem');
    const other = await connectForTest();
    try {
      const here = new RedisIdempotencyStore<Outcome>(redis.client, prefix);
      const there = new RedisIdempotencyStore<Outcome>(other.client, prefix);
      const first = await here.claim('k', 'fp', 5_000);
      if (first.state !== 'claimed') throw new Error('the first claim must win');
      expect((await there.claim('k', 'fp', 5_000)).state).toBe('running');
      await here.complete('k', first.token, { succeeded: 4 }, 60_000);
      expect(await there.claim('k', 'fp', 5_000)).toEqual({ state: 'done', fingerprint: 'fp', result: { succeeded: 4 } });
      expect(await redis.client.pttl(`${prefix}idem:k`)).toBeGreaterThan(55_000);
    } finally {
      await other.close();
    }
  });
});
