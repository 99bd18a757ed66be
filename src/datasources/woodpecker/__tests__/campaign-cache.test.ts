import { CampaignCache, MemoryCacheStore } from '../campaign-cache';
import type { CampaignModel } from '../models';

const TTL_MS = 300_000;

function campaign(id: string, createdAt?: string): CampaignModel {
  return { id, name: `Campaign ${id}`, status: 'RUNNING', createdAt };
}

describe('CampaignCache', () => {
  let now: number;
  let cache: CampaignCache;
  let loads: number;
  const load = async (): Promise<CampaignModel[]> => {
    loads += 1;
    await Promise.resolve();
    return [campaign('1', '2024-01-01T00:00:00.000Z'), campaign('3'), campaign('2', '2024-02-01T00:00:00.000Z'), campaign('4')];
  };

  beforeEach(() => {
    now = 1_000_000;
    loads = 0;
    cache = new CampaignCache(new MemoryCacheStore(() => now), TTL_MS);
  });

  it('holds the full list newest first (undated last, newest id first)', async () => {
    expect((await cache.all(load)).map((c) => c.id)).toEqual(['2', '1', '4', '3']);
  });

  it('serves from memory until the TTL passes', async () => {
    await cache.all(load);
    now += TTL_MS - 1;
    await cache.all(load);
    expect(loads).toBe(1);

    now += 1;
    await cache.all(load);
    expect(loads).toBe(2);
  });

  it('concurrent cold reads share one load', async () => {
    const results = await Promise.all([cache.all(load), cache.all(load), cache.all(load)]);

    expect(loads).toBe(1);
    expect(results[1]).toBe(results[0]);
  });

  it('forceRefresh reloads and refreshes the cached copy; invalidate empties it', async () => {
    await cache.all(load);
    await cache.all(load, { forceRefresh: true });
    await cache.all(load);
    expect(loads).toBe(2);

    await cache.invalidate();
    await cache.all(load);
    expect(loads).toBe(3);
  });

  it('a failed load is not cached and the next read tries again', async () => {
    await expect(cache.all(() => Promise.reject(new Error('down')))).rejects.toThrow('down');

    await cache.all(load);
    expect(loads).toBe(1);
  });

  it('a TTL of 0 disables caching', async () => {
    const uncached = new CampaignCache(new MemoryCacheStore(() => now), 0);
    await uncached.all(load);
    await uncached.all(load);

    expect(loads).toBe(2);
  });
});
