import { CampaignCache, type CachedCampaignList } from '../../datasources/woodpecker/campaign-cache';
import type { CampaignModel } from '../../datasources/woodpecker/models';
import { startRedisServer, type RedisServer } from '../../testing/redis-server';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import type { RedisConnection } from '../connection';
import { RedisCacheStore } from '../redis-cache-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const campaigns: CampaignModel[] = [{ id: '7', name: 'Spring', status: 'RUNNING', createdAt: '2024-03-01T00:00:00.000Z' }];

describeWithRedis('RedisCacheStore (real Redis)', () => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(() => redis.close());

  it('keeps JSON values under its namespace until their TTL, shared by every instance', async () => {
    const namespace = uniquePrefix('cache');
    const here = new RedisCacheStore<CampaignModel[]>(redis.client, namespace);
    const other = await connectForTest();
    try {
      const there = new RedisCacheStore<CampaignModel[]>(other.client, namespace);
      await here.set('list', campaigns, 150);
      expect(await there.get('list')).toEqual(campaigns);
      expect(await redis.client.exists(`${namespace}list`)).toBe(1);
      await sleep(200);
      expect(await there.get('list')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('deletes an entry for every instance', async () => {
    const store = new RedisCacheStore<CampaignModel[]>(redis.client, uniquePrefix('cache'));
    await store.set('list', campaigns, 60_000);
    await store.delete('list');
    expect(await store.get('list')).toBeUndefined();
  });

  describe('when Redis is unreachable', () => {
    let server: RedisServer;
    let lost: RedisConnection;
    beforeAll(async () => {
      server = await startRedisServer();
      lost = await connectForTest(server.url);
      await server.stop();
    });
    afterAll(() => lost.close());

    it('answers a miss and drops writes and deletes instead of failing', async () => {
      const store = new RedisCacheStore<CampaignModel[]>(lost.client, uniquePrefix('cache'));
      await expect(store.get('list')).resolves.toBeUndefined();
      await expect(store.set('list', campaigns, 60_000)).resolves.toBeUndefined();
      await expect(store.delete('list')).resolves.toBeUndefined();
    });

    it('lets the campaign cache load from the upstream every time', async () => {
      const cache = new CampaignCache(new RedisCacheStore<CachedCampaignList>(lost.client, uniquePrefix('cache')), 60_000);
      let loads = 0;
      const load = async () => {
        loads += 1;
        return campaigns;
      };
      expect(await cache.all(load)).toEqual(campaigns);
      expect(await cache.all(load)).toEqual(campaigns);
      expect(loads).toBe(2);
    });
  });
});
