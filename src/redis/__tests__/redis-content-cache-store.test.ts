import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import { until } from '../../testing/until';
import type { RedisConnection } from '../connection';
import { RedisContentCacheStore } from '../redis-content-cache-store';

describeWithRedis('RedisContentCacheStore (real Redis)', () => {
  let redis: RedisConnection;
  let other: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
    other = await connectForTest();
  });
  afterAll(async () => {
    await redis.close();
    await other.close();
  });

  it('When one instance caches a sequence, then another instance reads it, until its TTL passes', async () => {
    const namespace = uniquePrefix('content');
    const here = new RedisContentCacheStore(redis.client, namespace, 10);
    const there = new RedisContentCacheStore(other.client, namespace, 10);

    await here.set('key', '{"copy":1}', 300);

    expect(await there.get('key')).toBe('{"copy":1}');
    await until('the entry expired', async () => (await there.get('key')) === undefined, 5_000);
  });

  it('When more entries are stored than the bound, then the oldest go, for every instance', async () => {
    const namespace = uniquePrefix('content');
    const here = new RedisContentCacheStore(redis.client, namespace, 2);
    const there = new RedisContentCacheStore(other.client, namespace, 2);

    await here.set('first', '1', 60_000);
    await there.set('second', '2', 60_000);
    await here.set('third', '3', 60_000);

    expect(await there.get('first')).toBeUndefined();
    expect(await here.get('second')).toBe('2');
    expect(await there.get('third')).toBe('3');
    expect(await redis.client.zcard(`${namespace}index`)).toBe(2);
  });
});
