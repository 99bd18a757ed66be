import { newRequestStats, runWithRequestContext, type RequestContext } from '../../../logging/request-context';
import { MemoryCacheStore } from '../../shared/cache-store';
import { CampaignCache, FORCE_REFRESH_WINDOW_MS, type CachedCampaignList } from '../campaign-cache';
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
    cache = new CampaignCache(new MemoryCacheStore(() => now), TTL_MS, () => now);
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

  it('forceRefresh after the refresh window reloads and refreshes the cached copy; invalidate empties it', async () => {
    await cache.all(load);
    now += FORCE_REFRESH_WINDOW_MS;
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
    const uncached = new CampaignCache(new MemoryCacheStore(() => now), 0, () => now);
    await uncached.all(load);
    await uncached.all(load);

    expect(loads).toBe(2);
  });

  it('forceRefresh within the window of the last load is served from that load, on this instance and on another sharing the store', async () => {
    const store = new MemoryCacheStore<CachedCampaignList>(() => now);
    const [here, there] = [new CampaignCache(store, TTL_MS, () => now), new CampaignCache(store, TTL_MS, () => now)];
    await here.all(load);
    now += FORCE_REFRESH_WINDOW_MS - 1;
    await here.all(load, { forceRefresh: true });
    await there.all(load, { forceRefresh: true });
    expect(loads).toBe(1);

    now += 1;
    await there.all(load, { forceRefresh: true });
    expect(loads).toBe(2);
  });

  it('forceRefresh joins a load under way, however old the cached copy', async () => {
    await cache.all(load);
    now += TTL_MS - 1;
    await Promise.all([cache.all(load, { forceRefresh: true }), cache.all(load, { forceRefresh: true })]);
    expect(loads).toBe(2);
  });

  it('beforeLoad runs only for a caller that starts a load, not for one joining it; when it refuses, that caller fails and nothing loads', async () => {
    const refuse = () => Promise.reject(new Error('over budget'));
    await expect(cache.all(load, { beforeLoad: refuse })).rejects.toThrow('over budget');
    expect(loads).toBe(0);

    let answer!: (campaigns: CampaignModel[]) => void;
    const slowLoad = () => {
      loads += 1;
      return new Promise<CampaignModel[]>((resolve) => (answer = resolve));
    };
    const starts: string[] = [];
    const first = cache.all(slowLoad, { beforeLoad: async () => void starts.push('first') });
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toBe(1);
    const second = cache.all(slowLoad, { forceRefresh: true, beforeLoad: async () => void starts.push('second') });
    answer([campaign('1')]);
    expect(await second).toEqual(await first);
    await cache.all(load, { beforeLoad: async () => void starts.push('cached') });
    expect(starts).toEqual(['first']);
    expect(loads).toBe(1);
  });

  describe('version (what a replayed answer is checked against)', () => {
    it('When the cached list expires, is force-refreshed after the window or invalidated, then its version changes or is gone', async () => {
      expect(await cache.version()).toBeUndefined();
      await cache.all(load);
      const first = await cache.version();
      expect(first).toEqual(expect.any(String));
      expect(await cache.version()).toBe(first);

      now += FORCE_REFRESH_WINDOW_MS;
      await cache.all(load, { forceRefresh: true });
      const refreshed = await cache.version();
      expect(refreshed).toEqual(expect.any(String));
      expect(refreshed).not.toBe(first);

      now += TTL_MS;
      expect(await cache.version()).toBeUndefined();

      await cache.all(load);
      await cache.invalidate();
      expect(await cache.version()).toBeUndefined();
    });

    it('When the list is reloaded at the same instant (a frozen clock), then the version still changes', async () => {
      await cache.all(load);
      const first = await cache.version();
      await cache.invalidate();
      await cache.all(load);
      expect(await cache.version()).not.toBe(first);
    });

    it('When a request only hits the cache, then it records the version it read; a load or a forced refresh records none', async () => {
      const read = async (options: { forceRefresh?: boolean } = {}) => {
        const ctx: RequestContext = { requestId: 'r', stats: newRequestStats() };
        await runWithRequestContext(ctx, () => cache.all(load, options));
        return ctx.campaignListVersion;
      };
      expect(await read()).toBeNull();
      expect(await read()).toBe(await cache.version());
      expect(await read({ forceRefresh: true })).toBeNull();
    });
  });
});
