import type { RedisConnection } from '../../redis/connection';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import { RedisUsageStore } from '../redis-usage-store';
import { USAGE_RETENTION_DAYS } from '../usage-store';
import { usageCall, usageStoreContract } from './usage-store-contract';

describeWithRedis('RedisUsageStore (real Redis)', () => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(() => redis.close());

  usageStoreContract(() => new RedisUsageStore(redis.client, uniquePrefix('usage')));

  it('When two instances record calls, then both read the same totals', async () => {
    const prefix = uniquePrefix('usage');
    const other = await connectForTest();
    try {
      await new RedisUsageStore(redis.client, prefix).add(usageCall('2026-03-10', 'web', 'm', 100, 10));
      await new RedisUsageStore(other.client, prefix).add(usageCall('2026-03-10', 'web', 'm', 200, 20));
      expect(await new RedisUsageStore(other.client, prefix).read({ from: '2026-03-10', to: '2026-03-10' })).toEqual([
        { day: '2026-03-10', caller: 'web', model: 'm', requests: 2, inputTokens: 300, outputTokens: 30 },
      ]);
    } finally {
      await other.close();
    }
  });

  it('When a day is written, then its one hash expires after the retention', async () => {
    const prefix = uniquePrefix('usage');
    await new RedisUsageStore(redis.client, prefix).add(usageCall('2026-03-10', 'web', 'm'));
    expect(await redis.client.keys(`${prefix}*`)).toEqual([`${prefix}usage:2026-03-10`]);
    const ttl = await redis.client.ttl(`${prefix}usage:2026-03-10`);
    expect(ttl).toBeGreaterThan((USAGE_RETENTION_DAYS - 1) * 86_400);
    expect(ttl).toBeLessThanOrEqual(USAGE_RETENTION_DAYS * 86_400);
  });
});
